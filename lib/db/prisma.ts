import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { poolConfig } from "./adapter";
import { PrismaClient } from "./generated/client";

/** A pool of `connection_limit` connections (10 by default), or of `max`. */
export function createPool(databaseUrl: string, max?: number) {
  const config = poolConfig(databaseUrl);
  return new pg.Pool(max ? { ...config, max } : config);
}

/**
 * A Prisma client on `pool`, so the hot paths that speak SQL directly (the event log, run start and
 * end) and Prisma share one set of connections (the embedded database takes only one). Under load
 * every connection of the pool can be busy; a transaction then waits for one (up to maxWait)
 * instead of failing after Prisma's default 2 s.
 */
export function createDbClient(databaseUrl: string, pool?: pg.Pool) {
  // A pool made here is the client's own, ended by $disconnect; a pool passed in belongs to the caller.
  const adapter = new PrismaPg(pool ?? createPool(databaseUrl), { disposeExternalPool: !pool });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}
