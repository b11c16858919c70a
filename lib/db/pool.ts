import "server-only";
import type pg from "pg";
import { env } from "@/lib/env";
import { createPool } from "./prisma";

// `next build` loads route modules without querying them; any unreachable address does there.
const BUILD_PLACEHOLDER_URL = "postgresql://build@127.0.0.1:1/build";

/** Where the database is: DATABASE_URL, or a placeholder while `next build` loads the routes. */
export function databaseUrl({ DATABASE_URL, NEXT_PHASE } = env) {
  if (DATABASE_URL) return DATABASE_URL;
  if (NEXT_PHASE === "phase-production-build") return BUILD_PLACEHOLDER_URL;
  throw new Error(
    "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide the embedded database, or set DATABASE_URL.",
  );
}

export type Pools = { pool: pg.Pool; eventPool: pg.Pool };

/**
 * One pool per process and database. Kept on globalThis because Next bundles this module into
 * several chunks (pages, route handlers, server actions) and reloads it in dev; separate pools would
 * also exceed the embedded database's single connection.
 */
const pools = ((globalThis as { agentStudioDbPools?: Map<string, Pools> }).agentStudioDbPools ??= new Map<string, Pools>());

export function poolsFor(url: string): Pools {
  let found = pools.get(url);
  if (!found) {
    const pool = createPool(url);
    // The event log's writer gets a connection of its own, so a burst of other statements (200 runs
    // starting at once) never queues it: every stream waits on it. Not with a one-connection
    // database (the embedded one), where everything shares that connection.
    found = { pool, eventPool: pool.options.max > 1 ? createPool(url, 1) : pool };
    pools.set(url, found);
  }
  return found;
}

const current = poolsFor(databaseUrl());
/** The connections Prisma (`lib/db/client`) uses too, for the hot statements written in SQL. */
export const pool = current.pool;
/** The event log writer's own connection. */
export const eventPool = current.eventPool;
