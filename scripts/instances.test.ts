import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { readSse, startProductionServer, startRedis, waitUntilServing, type Server, type SseEvent } from "@/test/support/servers";

// Two production servers on two ports sharing one Postgres database and one Redis (its own
// redis-server, so the test can stop and restart it).
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "instances-service-key-0123456789";
const headers = { "X-API-Key": KEY, "Content-Type": "application/json", Connection: "close" };

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof startRedis>>;
let a: Server;
let b: Server;
const extra: Server[] = [];

async function instance(env: Record<string, string> = {}) {
  const server = await startProductionServer({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    AUTH_SECRET: "instances-test-secret-0123456789abcdef",
    API_KEYS: KEY,
    RATE_LIMIT_CHAT_PER_MIN: "1000",
    ...env,
  });
  await waitUntilServing(server);
  return server;
}

beforeAll(async () => {
  database = await createDatabase(serverUrl, "instances");
  redis = await startRedis();
  a = await instance();
  b = await instance();
});
afterAll(async () => {
  for (const server of [a, b, ...extra]) await server?.stop();
  await redis?.stop();
  await database?.drop();
});

const post = (server: Server, path: string, body: object = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
const get = (server: Server, path: string, more: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { ...headers, ...more } });
const health = async (server: Server) => {
  const response = await get(server, "/api/health");
  return { status: response.status, body: await response.json() };
};

/** Starts a streamed run on `server`; resolves `underway` at its first tool progress. */
async function stream(server: Server, agent: string, query: string) {
  const response = await post(server, `/api/agents/${agent}/stream`, { query });
  expect(response.status).toBe(200);
  let progressing!: () => void;
  const underway = new Promise<void>((resolve) => (progressing = resolve));
  const events = readSse(response, (event) => event.event === "tool_progress" && progressing());
  return { runId: response.headers.get("x-run-id")!, underway, events };
}

const wire = (events: SseEvent[]) => events.map(({ id, event, data }) => ({ id, event, data }));

async function runRow(id: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(`SELECT status, "errorCode" FROM "Run" WHERE id = $1`, [id])).rows[0];
  } finally {
    await client.end();
  }
}

describe("two instances, one Postgres, one Redis", () => {
  it("a run started on A is followed on B from its first event, with no gap or duplicate", async () => {
    const run = await stream(a, "mcp-explorer", "Trigger a long running operation of 3 seconds with 3 steps");
    await run.underway;
    const followed = readSse(await get(b, `/api/runs/${run.runId}/events`, { "Last-Event-ID": "0" }));
    const [onA, onB] = await Promise.all([run.events, followed]);
    expect(onA.at(-1)?.event).toBe("done");
    expect(onB.map((event) => event.id)).toEqual(onB.map((_, i) => i + 1));
    expect(wire(onB)).toEqual(wire(onA));
    console.log(`two instances: followed on B ${onB.length} of ${onA.length} events, identical, ids 1..${onB.length}`);
  });

  it("cancelling on B stops the run executing on A", async () => {
    const run = await stream(a, "mcp-explorer", "Trigger a long running operation of 30 seconds with 30 steps");
    await run.underway;
    const asked = Date.now();
    expect((await post(b, `/api/runs/${run.runId}/cancel`)).status).toBe(202);
    expect((await run.events).at(-1)).toMatchObject({ event: "error", data: { code: "CANCELLED" } });
    console.log(`two instances: cancel on B ended the run on A in ${Date.now() - asked} ms`);
    expect(await runRow(run.runId)).toEqual({ status: "CANCELLED", errorCode: "CANCELLED" });
  });

  it("a session created on A is listed and readable on B", async () => {
    const answer = await (await post(a, "/api/agents/assistant/chat", { query: "What is 6 * 7?" })).json();
    const listed = await (await get(b, "/api/agents/assistant/sessions")).json();
    expect(listed.sessions.map((session: { id: string }) => session.id)).toContain(answer.session_id);
    const detail = await (await get(b, `/api/agents/assistant/sessions/${answer.session_id}`)).json();
    expect(detail.messages.map((message: { text: string }) => message.text)).toEqual(["What is 6 * 7?", expect.stringContaining("42")]);
  });

  it("counts a user's rate limit across both instances", async () => {
    // A pair of its own with a small limit and a user of its own (the service account's email).
    const limited = { RATE_LIMIT_CHAT_PER_MIN: "4", API_SERVICE_EMAIL: "limited@agent-studio.local" };
    const [c, d] = [await instance(limited), await instance(limited)];
    extra.push(c, d);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? d : c, "/api/agents/assistant/chat", { query: `${i} + 1` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("Redis stopped mid-run: the run completes and is stored, B's follower falls back to the log, health is degraded; all recovers", async () => {
    const run = await stream(a, "mcp-explorer", "Trigger a long running operation of 5 seconds with 5 steps");
    await run.underway;
    const followed = readSse(await get(b, `/api/runs/${run.runId}/events`, { "Last-Event-ID": "0" }));
    await redis.stop();

    await expect.poll(() => health(a)).toEqual({ status: 200, body: { status: "degraded", db: "ok", redis: "down" } });
    const [onA, onB] = await Promise.all([run.events, followed]);
    expect(onA.at(-1)?.event).toBe("done");
    expect(wire(onB)).toEqual(wire(onA));
    expect(await runRow(run.runId)).toEqual({ status: "SUCCEEDED", errorCode: null });
    // Without Redis each instance still serves its own runs.
    expect((await post(b, "/api/agents/assistant/chat", { query: "What is 2 + 2?" })).status).toBe(200);

    redis = await startRedis(redis.port);
    const restarted = Date.now();
    await expect.poll(() => health(a), { timeout: 20_000 }).toEqual({ status: 200, body: { status: "ok", db: "ok", redis: "ok" } });
    await expect.poll(() => health(b), { timeout: 20_000 }).toEqual({ status: 200, body: { status: "ok", db: "ok", redis: "ok" } });
    console.log(
      `redis outage: run completed with ${onA.length} events, B followed all from the log; both healthy ${Date.now() - restarted} ms after Redis returned`,
    );
    const again = await stream(a, "mcp-explorer", "Trigger a long running operation of 30 seconds with 30 steps");
    await again.underway;
    expect((await post(b, `/api/runs/${again.runId}/cancel`)).status).toBe(202);
    expect((await again.events).at(-1)).toMatchObject({ event: "error", data: { code: "CANCELLED" } });
  }, 90_000);
});
