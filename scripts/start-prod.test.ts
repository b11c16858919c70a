import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { readSse, startProductionServer, startRedis, waitUntilServing, type Server, type SseEvent } from "@/test/support/servers";

// `npm run start:prod` with the environment docker-compose.yml gives the app container: a fresh
// database on the machine's Postgres, a real Redis, a secret and a service key.
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "start-prod-service-key-0123456789";
const compose = (databaseUrl: string, redisUrl: string) => ({
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  AUTH_SECRET: "start-prod-test-secret-0123456789abcdef",
  API_KEYS: KEY,
});
const headers = { "X-API-Key": KEY, "Content-Type": "application/json", Connection: "close" };

let redis: Awaited<ReturnType<typeof startRedis>>;
const databases: TestDatabase[] = [];
const servers: Server[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});
afterAll(async () => {
  await redis.stop();
  for (const database of databases) await database.drop();
});

async function freshDatabase() {
  const database = await createDatabase(serverUrl, "prod");
  databases.push(database);
  return database;
}

async function serve(env: Record<string, string>) {
  const server = await startProductionServer(env);
  servers.push(server);
  return server;
}

const post = (server: Server, path: string, body: object) =>
  fetch(`${server.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });

describe("npm run start:prod (the Docker image's command)", () => {
  it("migrates a fresh database, serves /api/health and completes a chat", async () => {
    const database = await freshDatabase();
    const server = await serve(compose(database.url, redis.url));
    expect(await waitUntilServing(server)).toEqual({ status: 200, body: { status: "ok", db: "ok", redis: "ok" } });
    expect(server.output()).toContain("agent-studio: applied database migrations: 20261129000000_init");
    const response = await post(server, "/api/agents/country-analyst/chat", { query: "Tell me about Spain" });
    expect(response.status).toBe(200);
    expect((await response.json()).structured.CountryReport).toMatchObject({ country: "Spain", capital: "Madrid" });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("stops with one clear line, serving nothing, when a migration fails", async () => {
    const database = await freshDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE TABLE "User" (id int)`);
    await client.end();
    const server = await serve(compose(database.url, redis.url));
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/agent-studio: migration 20261129000000_init failed: relation "User" already exists; not starting\./);
    expect(server.output()).not.toContain("Ready");
  });

  it("refuses to start without DATABASE_URL or AUTH_SECRET, naming the variable", async () => {
    const database = await freshDatabase();
    const noSecret = await serve({ ...compose(database.url, redis.url), AUTH_SECRET: "" });
    expect(await noSecret.exited).toBe(1);
    expect(noSecret.output()).toContain("AUTH_SECRET: is required in production");
    const noDatabase = await serve({ ...compose(database.url, redis.url), DATABASE_URL: "" });
    expect(await noDatabase.exited).toBe(1);
    expect(noDatabase.output()).toContain("DATABASE_URL is required");
  });

  it("on SIGTERM refuses new runs, lets running ones finish within the grace period, hands the rest over to its next start", async () => {
    const database = await freshDatabase();
    const settings = { ...compose(database.url, redis.url), INSTANCE_NAME: "prod-a", SHUTDOWN_GRACE_S: "5", DEMO_TOKEN_DELAY_MS: "15" };
    const server = await serve(settings);
    await waitUntilServing(server);
    const started = (event: SseEvent) => event.event === "tool_start" || event.event === "tool_progress";
    const follow = async (agent: string, query: string) => {
      const response = await post(server, `/api/agents/${agent}/stream`, { query });
      expect(response.status).toBe(200);
      let running!: () => void;
      const underway = new Promise<void>((resolve) => (running = resolve));
      // Every event that arrived, however the stream ended (a server going away may cut it).
      const got: SseEvent[] = [];
      const events = readSse(response, (event) => {
        got.push(event);
        if (started(event)) running();
      }).then(
        () => got,
        () => got,
      );
      return { underway, events, runId: response.headers.get("x-run-id")! };
    };
    const short = await follow("country-analyst", "Tell me about Portugal");
    const long = await follow("mcp-explorer", "Trigger a long running operation of 15 seconds with 15 steps");
    await Promise.all([short.underway, long.underway]);

    const stoppedAt = Date.now();
    server.child.kill("SIGTERM");
    await expect.poll(async () => (await fetch(`${server.url}/api/health`, { headers })).status).toBe(503);
    expect(await (await fetch(`${server.url}/api/health`, { headers })).json()).toMatchObject({ status: "draining" });
    const refused = await post(server, "/api/agents/assistant/chat", { query: "1 + 1" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error.code).toBe("unavailable");

    expect((await short.events).at(-1)).toMatchObject({ event: "done" });
    // Its stream ends without a final event: the run is not over, it goes on at the next start.
    const seen = await long.events;
    expect(seen.map((event) => event.event)).not.toContain("error");
    expect(seen.map((event) => event.event)).not.toContain("done");
    expect(await server.exited).toBe(0);
    // The whole grace (5 s), then at once: 30 s is room for a loaded machine, and far from the
    // 15 s the long call would still take.
    const elapsed = Date.now() - stoppedAt;
    expect(elapsed).toBeGreaterThanOrEqual(5_000);
    expect(elapsed).toBeLessThan(30_000);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const statusOf = async (id: string) => (await client.query(`SELECT status FROM "Run" WHERE id = $1`, [id])).rows[0]?.status;
    expect(await statusOf(short.runId)).toBe("SUCCEEDED");
    expect(await statusOf(long.runId)).toBe("RUNNING");

    // Started again under its name, it resumes the run: the cut-off call (idempotent, read-only) is
    // made again, and a client resuming its stream gets the rest, from the next event on.
    const restarted = await serve(settings);
    await waitUntilServing(restarted);
    const lastSeen = seen.at(-1)!.id;
    const rest = await readSse(await fetch(`${restarted.url}/api/runs/${long.runId}/events?after=${lastSeen}`, { headers }));
    expect(rest[0]!.id).toBe(lastSeen + 1);
    expect(rest.find((event) => event.event === "step_retry")).toMatchObject({ data: { attempt: 2 } });
    expect(rest.at(-1)).toMatchObject({ event: "done" });
    expect(await statusOf(long.runId)).toBe("SUCCEEDED");
    await client.end();
  }, 90_000);
});
