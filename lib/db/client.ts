import "server-only";
import { env } from "@/lib/env";
import { createAdapterFactory } from "./adapter";
import { PrismaClient } from "./generated/client";

// `next build` loads route modules without querying them; any unreachable address does there.
const BUILD_PLACEHOLDER_URL = "postgresql://build@127.0.0.1:1/build";

function databaseUrl() {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.NEXT_PHASE === "phase-production-build") return BUILD_PLACEHOLDER_URL;
  throw new Error(
    "DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide the embedded database, or set DATABASE_URL.",
  );
}

export function createDbClient(url: string) {
  return new PrismaClient({ adapter: createAdapterFactory(url) });
}

// One client (and pool) per process; kept on globalThis so dev hot reloads do not open new pools.
const globalForDb = globalThis as unknown as { agentStudioDb?: PrismaClient };

export const db = globalForDb.agentStudioDb ?? createDbClient(databaseUrl());
if (env.NODE_ENV !== "production") globalForDb.agentStudioDb = db;
