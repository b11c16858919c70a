import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { recordRateLimitRejection } from "@/lib/observability/metrics";
import { getRedis } from "@/lib/redis";
import { ApiError } from "./errors";

function limiter(keyPrefix: string, points: number): RateLimiterAbstract {
  const redis = getRedis();
  const local = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  // Redis shares the count across instances; without it each process counts alone. While Redis is
  // down each process counts alone too (the insurance limiter) rather than refusing every request.
  return redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `agent-studio:${keyPrefix}`, points, duration: 60, rejectIfRedisNotReady: true, insuranceLimiter: local })
    : local;
}

const globalForLimits = globalThis as { agentStudioLimits?: { chat: RateLimiterAbstract; signIn: RateLimiterAbstract } };
const limits = (globalForLimits.agentStudioLimits ??= {
  chat: limiter("chat", env.RATE_LIMIT_CHAT_PER_MIN),
  signIn: limiter("signin", env.RATE_LIMIT_SIGNIN_PER_MIN),
});

async function consume(which: keyof typeof limits, key: string, message: string) {
  try {
    await limits[which].consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    recordRateLimitRejection(which);
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new ApiError("rate_limited", `${message} Try again in ${seconds} s.`, { "Retry-After": String(seconds) });
  }
}

/** Chat and stream requests, per user (RATE_LIMIT_CHAT_PER_MIN). */
export const limitChat = (userId: string) => consume("chat", userId, "Too many chat requests.");

/** Sign-in attempts, per client address and email (RATE_LIMIT_SIGNIN_PER_MIN). */
export const limitSignIn = (ip: string, email: string) => consume("signIn", `${ip}:${email.toLowerCase()}`, "Too many sign-in attempts.");
