import "server-only";
import type pg from "pg";
import { env } from "@/lib/env";
import type { PrismaClient } from "./generated/client";
import { createDbClient, createPool } from "./prisma";

// `next build` loads route modules without querying them; any unreachable address does there.
const BUILD_PLACEHOLDER_URL = "postgresql://build@127.0.0.1:1/build";

function databaseUrl() {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.NEXT_PHASE === "phase-production-build") return BUILD_PLACEHOLDER_URL;
  throw new Error(
    "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide the embedded database, or set DATABASE_URL.",
  );
}

type Clients = { db: PrismaClient; pool: pg.Pool; eventPool: pg.Pool };

/**
 * One pool, and one Prisma client on it, per process and database. Kept on globalThis because Next
 * bundles this module into several chunks (pages, route handlers, server actions) and reloads it in
 * dev; separate pools would also exceed the embedded database's single connection.
 */
const clients = ((globalThis as { agentStudioDbClients?: Map<string, Clients> }).agentStudioDbClients ??= new Map<string, Clients>());

function clientsFor(url: string) {
  let found = clients.get(url);
  if (!found) {
    const pool = createPool(url);
    // The event log's writer gets a connection of its own, so a burst of other statements (200 runs
    // starting at once) never queues it: every stream waits on it. Not with a one-connection
    // database (the embedded one), where everything shares that connection.
    const eventPool = pool.options.max > 1 ? createPool(url, 1) : pool;
    found = { db: createDbClient(url, pool), pool, eventPool };
    clients.set(url, found);
  }
  return found;
}

const current = clientsFor(databaseUrl());
export const db = current.db;
/** The same connections as `db`, for the few hot statements written in SQL. */
export const pool = current.pool;
/** The event log writer's own connection. */
export const eventPool = current.eventPool;
