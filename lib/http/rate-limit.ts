import "server-only";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { recordRateLimitRejection } from "@/lib/observability/metrics";
import { getRedis } from "@/lib/redis";
import { AppError } from "@/lib/errors";

function limiter(keyPrefix: string, points: number): RateLimiterAbstract {
  const redis = getRedis();
  const local = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
  // Redis shares the count across instances; without it each process counts alone. While Redis is
  // down each process counts alone too (the insurance limiter) rather than refusing every request.
  return redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `agent-studio:${keyPrefix}`,
        points,
        duration: 60,
        rejectIfRedisNotReady: true,
        insuranceLimiter: local,
      })
    : local;
}

type Limit = "chat" | "signInAccount" | "signInAddress";

// On globalThis: Next bundles this module into several chunks (API routes, server actions, Auth.js's
// route), and a count split between them would be a limit per chunk.
const globalForLimits = globalThis as { agentStudioLimits?: Record<Limit, RateLimiterAbstract> };
const limits = (globalForLimits.agentStudioLimits ??= {
  chat: limiter("chat", env.RATE_LIMIT_CHAT_PER_MIN),
  signInAccount: limiter("signin-account", env.RATE_LIMIT_SIGNIN_PER_MIN),
  signInAddress: limiter("signin-address", env.RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN),
});

/**
 * A limiter refuses by rejecting with its result object. That object comes from whichever chunk's
 * copy of the library made the limiter, so it is told apart from a failure by being no Error.
 */
function isRefusal(reason: unknown): reason is RateLimiterRes {
  return !(reason instanceof Error) && typeof (reason as RateLimiterRes | null)?.msBeforeNext === "number";
}

/** Takes one point; the seconds until the next one is free when none is left, else undefined. */
async function take(which: Limit, key: string) {
  try {
    await limits[which].consume(key);
    return undefined;
  } catch (reason) {
    if (!isRefusal(reason)) throw reason;
    recordRateLimitRejection(which === "chat" ? "chat" : "signIn");
    return Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
  }
}

/** Chat and stream requests, per user (RATE_LIMIT_CHAT_PER_MIN): 429 with Retry-After beyond it. */
export async function limitChat(userId: string) {
  const seconds = await take("chat", userId);
  if (seconds) throw new AppError("rate_limited", `Too many chat requests. Try again in ${seconds} s.`, seconds);
}

/**
 * A password check, counted on the client's address whatever the account
 * (RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN) and on the account whatever the address
 * (RATE_LIMIT_SIGNIN_PER_MIN). Resolves to the seconds to wait when either is used up, else undefined;
 * an address already refused costs the account nothing.
 */
export async function limitSignIn(address: string, email: string) {
  return (await take("signInAddress", address)) ?? (await take("signInAccount", email.trim().toLowerCase()));
}
