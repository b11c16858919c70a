import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

const globalForRedis = globalThis as { agentStudioRedis?: Redis };

/**
 * A Redis that holds its connections open but answers nothing (hung, paused, swapping) raises no
 * error, so every request would wait out its commands. An unanswered ping drops the connection
 * instead: while it reconnects the app sees Redis down and does without it, at once.
 */
function watch(redis: Redis) {
  const timer = setInterval(() => {
    if (redis.status !== "ready") return;
    redis.ping().catch(() => {
      if (redis.status !== "ready") return;
      logger.warn("redis does not answer; reconnecting");
      redis.disconnect(true);
    });
  }, env.REDIS_COMMAND_TIMEOUT_MS * 2);
  timer.unref();
}

/** The shared Redis connection when REDIS_URL is set (rediss:// for TLS), else undefined. */
export function getRedis(): Redis | undefined {
  if (!env.REDIS_URL) return undefined;
  if (!globalForRedis.agentStudioRedis) {
    // A command unanswered after REDIS_COMMAND_TIMEOUT_MS fails, and its caller degrades as if Redis were down.
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false, commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS });
    watch(redis);
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
