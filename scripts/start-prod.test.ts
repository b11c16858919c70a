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

  it("on SIGTERM refuses new runs, lets running ones finish within the grace period, interrupts the rest", async () => {
    const database = await freshDatabase();
    const server = await serve({ ...compose(database.url, redis.url), SHUTDOWN_GRACE_S: "8", DEMO_TOKEN_DELAY_MS: "15" });
    await waitUntilServing(server);
    const started = (event: SseEvent) => event.event === "tool_start" || event.event === "tool_progress";
    const follow = async (agent: string, query: string) => {
      const response = await post(server, `/api/agents/${agent}/stream`, { query });
      expect(response.status).toBe(200);
      let running!: () => void;
      const underway = new Promise<void>((resolve) => (running = resolve));
      const events = readSse(response, (event) => started(event) && running());
      return { underway, events, runId: response.headers.get("x-run-id")! };
    };
    const short = await follow("country-analyst", "Tell me about Portugal");
    const long = await follow("mcp-explorer", "Trigger a long running operation of 60 seconds with 60 steps");
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
    expect((await long.events).at(-1)).toMatchObject({ event: "error", data: { code: "INTERRUPTED" } });
    expect(await server.exited).toBe(0);
    // The whole grace (8 s), then at once: 30 s is room for a loaded machine, and far from the
    // minute the long run would take.
    const elapsed = Date.now() - stoppedAt;
    expect(elapsed).toBeGreaterThanOrEqual(8_000);
    expect(elapsed).toBeLessThan(30_000);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT id, status, "errorCode" FROM "Run"`);
    await client.end();
    expect(rows).toContainEqual({ id: short.runId, status: "SUCCEEDED", errorCode: null });
    expect(rows).toContainEqual({ id: long.runId, status: "FAILED", errorCode: "INTERRUPTED" });
  }, 60_000);
});
