import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** Asks Auth.js itself which providers it serves, as the sign-in page's clients would. */
async function servedProviders() {
  vi.resetModules();
  const { handlers } = await import("./index");
  const response = await handlers.GET(new NextRequest("http://localhost:3000/api/auth/providers"));
  return Object.keys(await response.json()).sort();
}

describe("sign-in providers", () => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("serves only email + password by default", async () => {
    vi.stubEnv("AUTH_GITHUB_ID", "");
    vi.stubEnv("AUTH_GITHUB_SECRET", "");
    expect(await servedProviders()).toEqual(["credentials"]);
  });

  it("adds GitHub when both of its variables are set", async () => {
    vi.stubEnv("AUTH_GITHUB_ID", "an-id");
    vi.stubEnv("AUTH_GITHUB_SECRET", "a-secret");
    expect(await servedProviders()).toEqual(["credentials", "github"]);
  });
});
