import "server-only";
import { once } from "node:events";
import type { Redis } from "ioredis";
import { logger } from "@/lib/log";
import { runtime } from "@/lib/runs/runtime";

const CHECK_TIMEOUT_MS = 3_000;

/**
 * `ok`; `degraded` when Redis is down (runs still complete and are stored; only cross-instance
 * sharing suffers); `draining` while shutting down; `error` when the database is unreachable.
 */
type Health = { status: "ok" | "degraded" | "draining" | "error"; db: "ok" | "down"; redis?: "ok" | "down" };

async function reachable(what: string, check: () => Promise<unknown>) {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${what} check timed out`)), CHECK_TIMEOUT_MS).unref(),
  );
  try {
    await Promise.race([check(), timeout]);
    return true;
  } catch (error) {
    logger.error({ err: error }, `health: ${what} unreachable`);
    return false;
  }
}

/** A client still making its first connection gets a moment; one that lost Redis is down at once. */
async function redisPing(redis: Redis) {
  if (["wait", "connecting", "connect"].includes(redis.status)) {
    await Promise.race([once(redis, "ready"), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
  if (redis.status !== "ready") throw new Error(`connection ${redis.status}`);
  return redis.ping();
}

export async function checkHealth(): Promise<Health> {
  const { db, redis, active } = runtime();
  const [dbUp, redisUp] = await Promise.all([
    reachable("database", () => db.pool.query("SELECT 1")),
    redis && reachable("redis", () => redisPing(redis)),
  ]);
  const status = !dbUp ? "error" : active.draining ? "draining" : redisUp === false ? "degraded" : "ok";
  return { status, db: dbUp ? "ok" : "down", ...(redis && { redis: redisUp ? "ok" : "down" }) };
}

/** Load balancers take 503 as "send traffic elsewhere": for a dead database and while draining. */
export const healthStatusCode = (health: Health) => (health.status === "error" || health.status === "draining" ? 503 : 200);
