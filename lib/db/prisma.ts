import { createAdapterFactory } from "./adapter";
import { PrismaClient } from "./generated/client";

/**
 * Under load every connection of the pool can be busy; a transaction then waits for one (up to
 * maxWait) instead of failing after Prisma's default 2 s.
 */
export function createDbClient(databaseUrl: string) {
  return new PrismaClient({ adapter: createAdapterFactory(databaseUrl), transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
}
