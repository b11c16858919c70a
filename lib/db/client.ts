import "server-only";
import { env } from "@/lib/env";
import type { PrismaClient } from "./generated/client";
import { createDbClient } from "./prisma";

// `next build` loads route modules without querying them; any unreachable address does there.
const BUILD_PLACEHOLDER_URL = "postgresql://build@127.0.0.1:1/build";

function databaseUrl() {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.NEXT_PHASE === "phase-production-build") return BUILD_PLACEHOLDER_URL;
  throw new Error(
    "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide the embedded database, or set DATABASE_URL.",
  );
}

/**
 * One client, and so one pool, per process and database. Kept on globalThis because Next bundles
 * this module into several chunks (pages, route handlers, server actions) and reloads it in dev;
 * separate pools would also exceed the embedded database's single connection.
 */
const clients = ((globalThis as { agentStudioDbClients?: Map<string, PrismaClient> }).agentStudioDbClients ??=
  new Map<string, PrismaClient>());

function clientFor(url: string) {
  let client = clients.get(url);
  if (!client) {
    client = createDbClient(url);
    clients.set(url, client);
  }
  return client;
}

export const db = clientFor(databaseUrl());
