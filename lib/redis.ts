import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// One connection per process and address, on globalThis: Next bundles this module into several chunks.
const connections = ((globalThis as { agentStudioRedis?: Map<string, Redis> }).agentStudioRedis ??= new Map<string, Redis>());

/**
 * A Redis that holds its connections open but answers nothing (hung, paused, swapping) raises no
 * error, so every request would wait out its commands. An unanswered ping drops the connection
 * instead: while it reconnects the app sees Redis down and does without it, at once.
 */
function watch(redis: Redis, commandTimeoutMs: number) {
  const timer = setInterval(() => {
    if (redis.status !== "ready") return;
    redis.ping().catch(() => {
      if (redis.status !== "ready") return;
      logger.warn("redis does not answer; reconnecting");
      redis.disconnect(true);
    });
  }, commandTimeoutMs * 2);
  timer.unref();
}

/** The shared Redis connection when REDIS_URL is set (rediss:// for TLS), else undefined. */
export function getRedis(): Redis | undefined {
  return env.REDIS_URL ? redisFor(env.REDIS_URL, env.REDIS_COMMAND_TIMEOUT_MS) : undefined;
}

/** The process's connection to the Redis at `url`; a command unanswered after `commandTimeoutMs` fails, and its caller degrades as if Redis were down. */
export function redisFor(url: string, commandTimeoutMs: number): Redis {
  let redis = connections.get(url);
  if (!redis) {
    redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false, commandTimeout: commandTimeoutMs });
    watch(redis, commandTimeoutMs);
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
    connections.set(url, redis);
  }
  return redis;
}
