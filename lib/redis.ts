import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

const globalForRedis = globalThis as { agentStudioRedis?: Redis };

/** The shared Redis connection when REDIS_URL is set (rediss:// for TLS), else undefined. */
export function getRedis(): Redis | undefined {
  if (!env.REDIS_URL) return undefined;
  if (!globalForRedis.agentStudioRedis) {
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false });
    // ioredis reconnects by itself; one line per outage, not one per retry.
    let down = false;
    redis.on("error", (error: Error) => {
      if (!down) logger.warn({ err: error.message }, "redis connection lost; retrying");
      down = true;
    });
    redis.on("ready", () => {
      if (down) logger.info("redis connection back");
      down = false;
    });
    globalForRedis.agentStudioRedis = redis;
  }
  return globalForRedis.agentStudioRedis;
}
