import "server-only";
import type pg from "pg";
import type { PrismaClient } from "./generated/client";
import { pool } from "./pool";
import { createDbClient } from "./prisma";

// One client per pool, on globalThis for the reason the pools are (see ./pool).
const clients = ((globalThis as { agentStudioDbClients?: WeakMap<pg.Pool, PrismaClient> }).agentStudioDbClients ??= new WeakMap());

function clientOn(connections: pg.Pool) {
  let client = clients.get(connections);
  if (!client) {
    client = createDbClient("", connections);
    clients.set(connections, client);
  }
  return client;
}

/**
 * The Prisma client, for the modules of lib/db only (the linter holds this): every model's queries
 * are in one file there, so a query is found in one hop.
 */
export const db = clientOn(pool);
