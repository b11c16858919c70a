import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";

async function freshLimits(perMinute: string) {
  vi.stubEnv("RATE_LIMIT_CHAT_PER_MIN", perMinute);
  vi.stubEnv("RATE_LIMIT_SIGNIN_PER_MIN", perMinute);
  vi.stubEnv("RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN", String(Number(perMinute) + 1));
  Reflect.deleteProperty(globalThis, "agentStudioLimits");
  vi.resetModules();
  return import("./rate-limit");
}

describe("rate limits", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("allow the configured number of chats per user per minute, then answer 429 with Retry-After", async () => {
    const { limitChat } = await freshLimits("3");
    for (let i = 0; i < 3; i++) await limitChat("user-a");
    const error = await limitChat("user-a").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AppError.isInstance(error) && error.code).toBe("rate_limited");
    const retryAfter = (error as AppError).retryAfterSeconds!;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(limitChat("user-b")).resolves.toBeUndefined();
  });

  it("count sign-in attempts per account whatever the address, and per address whatever the account", async () => {
    const { limitSignIn } = await freshLimits("2");
    expect(await limitSignIn("10.0.0.1", "ada@example.com")).toBeUndefined();
    expect(await limitSignIn("10.0.0.2", " ADA@example.com")).toBeUndefined();
    expect(await limitSignIn("10.0.0.3", "ada@example.com")).toBeGreaterThan(0);
    expect(await limitSignIn("10.0.0.4", "bob@example.com")).toBeUndefined();
    expect(await limitSignIn("10.0.0.4", "carol@example.com")).toBeUndefined();
    expect(await limitSignIn("10.0.0.4", "dave@example.com")).toBeUndefined();
    const wait = await limitSignIn("10.0.0.4", "erin@example.com");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });
});
