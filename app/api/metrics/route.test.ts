import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = "metrics-token-for-the-tests-0123456789";

// METRICS_TOKEN is read when lib/env loads: stubbed before the route's modules are.
vi.stubEnv("METRICS_TOKEN", TOKEN);
const { GET } = await import("./route");
const { db } = await import("@/lib/db/client");
const { createApiKey } = await import("@/lib/auth/api-keys");
const { runtime } = await import("@/lib/runs/runtime");

let adminKey: string;
let userKey: string;
beforeAll(async () => {
  const stamp = Date.now();
  const admin = await db.user.create({ data: { email: `metrics-admin-${stamp}@example.com`, role: "ADMIN" } });
  const user = await db.user.create({ data: { email: `metrics-user-${stamp}@example.com` } });
  adminKey = (await createApiKey(admin.id, "scrape")).key;
  userKey = (await createApiKey(user.id, "scrape")).key;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

async function scrape(headers: Record<string, string>) {
  const response = await GET(new Request("http://localhost/api/metrics", { headers }), { params: Promise.resolve({}) });
  const body = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), body };
}

describe("GET /api/metrics", () => {
  it("answers the metrics token with the Prometheus text format, live gauges included", async () => {
    const release = runtime().active.trackFollower();
    const { status, type, body } = await scrape({ Authorization: `Bearer ${TOKEN}` });
    release();
    expect(status).toBe(200);
    expect(type).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(body).toContain("# TYPE agent_studio_runs_total counter");
    expect(body).toContain("# TYPE agent_studio_run_duration_seconds histogram");
    expect(body).toMatch(/^agent_studio_active_streams 1$/m);
  });

  it("answers an admin's API key", async () => {
    expect((await scrape({ "X-API-Key": adminKey })).status).toBe(200);
  });

  it("refuses a user who is not an admin with 403", async () => {
    const { status, body } = await scrape({ "X-API-Key": userKey });
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses a wrong token with 401, as an unknown API key", async () => {
    const { status, body } = await scrape({ Authorization: `Bearer ${TOKEN.slice(0, -1)}x` });
    expect(status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "unauthorized" } });
  });
});
