import { afterAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { createRuntime, installRuntime } from "@/lib/runs/runtime";
import { GET } from "./route";

async function health() {
  const response = await GET(new Request("http://localhost/api/health", { headers: { "x-request-id": "health-probe" } }), {
    params: Promise.resolve({}),
  });
  expect(response.headers.get("x-request-id")).toBe("health-probe");
  return { status: response.status, cache: response.headers.get("cache-control"), body: await response.json() };
}

describe("GET /api/health", () => {
  afterAll(() => installRuntime(createRuntime(env)));

  it("answers 200 with the database up, never cached", async () => {
    expect(env.DATABASE_URL, "run through `npm test`, which provides a database").toBeTruthy();
    installRuntime(createRuntime(env));
    const { status, cache, body } = await health();
    expect(body).toEqual({ status: "ok", db: "ok" });
    expect(status).toBe(200);
    expect(cache).toBe("no-store");
  });

  it("answers 503 with db down when DATABASE_URL points nowhere", async () => {
    installRuntime(createRuntime({ ...env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/nothing" }));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, cache, body } = await health();
    expect(body).toEqual({ status: "error", db: "down" });
    expect(status).toBe(503);
    expect(cache).toBe("no-store");
  });
});
