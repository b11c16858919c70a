import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";

const globalForRedis = globalThis as { agentStudioRedis?: Redis };

/** The shared Redis connection when REDIS_URL is set (rediss:// for TLS), else undefined. */
export function getRedis(): Redis | undefined {
  if (!env.REDIS_URL) return undefined;
  globalForRedis.agentStudioRedis ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false });
  return globalForRedis.agentStudioRedis;
}
