import { afterEach, describe, expect, it, vi } from "vitest";

// The route reads DATABASE_URL when its modules load; each case loads them afresh.
async function health() {
  vi.resetModules();
  const { GET } = await import("./route");
  const response = await GET(new Request("http://localhost/api/health", { headers: { "x-request-id": "health-probe" } }), {
    params: Promise.resolve({}),
  });
  expect(response.headers.get("x-request-id")).toBe("health-probe");
  return { status: response.status, cache: response.headers.get("cache-control"), body: await response.json() };
}

describe("GET /api/health", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("answers 200 with the database up, never cached", async () => {
    expect(process.env.DATABASE_URL, "run through `npm test`, which provides a database").toBeTruthy();
    const { status, cache, body } = await health();
    expect(body).toEqual({ status: "ok", db: "ok" });
    expect(status).toBe(200);
    expect(cache).toBe("no-store");
  });

  it("answers 503 with db down when DATABASE_URL points nowhere", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, cache, body } = await health();
    expect(body).toEqual({ status: "error", db: "down" });
    expect(status).toBe(503);
    expect(cache).toBe("no-store");
  });
});
