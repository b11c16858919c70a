import { createAdapterFactory } from "./adapter";
import { PrismaClient } from "./generated/client";

export function createDbClient(databaseUrl: string) {
  return new PrismaClient({ adapter: createAdapterFactory(databaseUrl) });
}
