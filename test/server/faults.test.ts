import { execFileSync } from "node:child_process";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDatabase, queryDatabase, type TestDatabase } from "@/test/support/databases";
import { readSse, startProductionServer, startRedis, waitUntilServing, type Server, type SseEvent } from "@/test/support/servers";
import { submitForm } from "@/test/support/sign-in";
import { startTcpProxy } from "@/test/support/tcp-proxy";

// Faults against the production build: the database going away mid-run, a Redis that stops
// answering, an instance killed mid-run. Each run ends with a final event and a stored log that is
// the live stream, or a prefix of it, never one with a hole.
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "faults-test-service-key-0123456789";
const base = { AUTH_SECRET: "faults-test-secret-0123456789abcdef", API_KEYS: KEY, INSTANCE_HEARTBEAT_S: "1", INSTANCE_TIMEOUT_S: "2" };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function freshDatabase() {
  const database = await createDatabase(serverUrl, "faults");
  databases.push(database);
  return database;
}

async function serve(env: Record<string, string>) {
  const server = await startProductionServer({ ...base, ...env });
  cleanups.push(() => server.stop());
  await waitUntilServing(server);
  return server;
}

/** A server whose database connections go through a proxy the test can cut. */
async function serveBehindProxy(env: Record<string, string>) {
  const database = await freshDatabase();
  const url = new URL(database.url);
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  cleanups.push(() => proxy.close());
  url.port = String(proxy.port);
  return { database, proxy, server: await serve({ DATABASE_URL: url.toString(), ...env }) };
}

/** Straight from Postgres, not through the app or the proxy. */
const query = <T extends object>(database: TestDatabase, text: string, values: unknown[] = []) =>
  queryDatabase<T>(database.url, text, values);

const storedLog = (database: TestDatabase, runId: string) =>
  query<{ seq: number; type: string; data: object }>(database, `SELECT seq, type, data FROM "RunEvent" WHERE "runId" = $1 ORDER BY seq`, [
    runId,
  ]);
const runRow = async (database: TestDatabase, runId: string) =>
  (await query<{ status: string; errorCode: string | null }>(database, `SELECT status, "errorCode" FROM "Run" WHERE id = $1`, [runId]))[0];

function stream(server: Server, query = "What is (12 + 30) * 2?") {
  return fetch(`${server.url}/api/agents/assistant/stream`, {
    method: "POST",
    headers: { "X-API-Key": KEY, "Content-Type": "application/json" },
    body: JSON.stringify({ query }),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(200);
    value = await probe();
  }
  return value;
}

const asStored = (events: SseEvent[]) => events.map(({ id, event, data }) => ({ seq: id, type: event, data }));

describe("faults (production build)", () => {
  it("a 3-second Postgres outage mid-run: the run succeeds and the log holds every event the stream delivered", async () => {
    const { database, proxy, server } = await serveBehindProxy({ DEMO_TOKEN_DELAY_MS: "60" });

    const response = await stream(server);
    let cut = false;
    const live = await readSse(response, (event) => {
      if (event.id === 8 && !cut) {
        cut = true;
        void proxy
          .cut()
          .then(() => sleep(3_000))
          .then(() => proxy.restore());
      }
    });
    expect(cut).toBe(true);
    expect(live.at(-1)!.event).toBe("done");
    const runId = response.headers.get("x-run-id")!;
    expect(await storedLog(database, runId)).toEqual(asStored(live));
    expect(await runRow(database, runId)).toEqual({ status: "SUCCEEDED", errorCode: null });
  });

  it("storage gone for longer than EVENT_STORE_RETRY_S: the stream ends with INTERNAL, the log is a prefix, the run ends FAILED once storage is back", async () => {
    const { database, proxy, server } = await serveBehindProxy({ DEMO_TOKEN_DELAY_MS: "60", EVENT_STORE_RETRY_S: "1" });

    const response = await stream(server);
    const runId = response.headers.get("x-run-id")!;
    let cut = false;
    const live = await readSse(response, (event) => {
      if (event.id === 8 && !cut) {
        cut = true;
        void proxy.cut();
      }
    });
    expect(live.at(-1)).toMatchObject({ event: "error", data: { code: "INTERNAL" } });
    await sleep(1_000);
    await proxy.restore();

    const run = await eventually(
      () => runRow(database, runId),
      (row) => row?.status === "FAILED",
      10_000,
    );
    expect(run).toEqual({ status: "FAILED", errorCode: "INTERNAL" });
    const stored = await storedLog(database, runId);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.slice(0, -1)).toEqual(asStored(live).slice(0, stored.length - 1));
    expect(stored.at(-1)).toMatchObject({ type: "error", data: { code: "INTERNAL" } });
  });

  it("a Redis that stops answering costs pages and runs nothing; health says degraded, then ok again", async () => {
    const database = await freshDatabase();
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    // Answers at once (no pause between words), so a request's time is mostly what Redis costs it.
    const server = await serve({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: "300",
      DEMO_TOKEN_DELAY_MS: "0",
    });
    const { cookie } = await submitForm(server.url, "/register", {
      name: "Ada",
      email: "ada@example.com",
      password: "ada's long password",
    });
    const timed = async (path: string, init: RequestInit = {}) => {
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, { ...init, headers: { Cookie: cookie!, ...init.headers } });
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    };
    const openPage = () => timed("/chat/new?agent=assistant");
    const chat = () =>
      timed("/api/agents/assistant/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: "What is 2 + 2?" }),
      });
    // The first request of a route loads its code, which is not what is measured here.
    expect([(await openPage()).status, (await chat()).status]).toEqual([200, 200]);

    execFileSync("kill", ["-STOP", String(redis.pid)]);
    try {
      const page = await openPage();
      const answer = await chat();
      const signIn = await submitForm(server.url, "/signin", { email: "ada@example.com", password: "ada's long password" });
      expect([page.status, answer.status]).toEqual([200, 200]);
      // Each waits about a command timeout (300 ms) before doing without Redis, where waiting for Redis
      // itself would last as long as it stays paused. 5 s is room for a loaded machine.
      expect(page.ms).toBeLessThan(5_000);
      expect(answer.ms).toBeLessThan(5_000);
      expect(signIn.signedIn).toBe(true);
      const health = await eventually(
        async () => (await fetch(`${server.url}/api/health`)).json(),
        (body) => body.redis === "down",
        15_000,
      );
      expect(health).toEqual({ status: "degraded", db: "ok", redis: "down" });
    } finally {
      execFileSync("kill", ["-CONT", String(redis.pid)]);
    }
    expect(
      await eventually(
        async () => (await fetch(`${server.url}/api/health`)).json(),
        (body) => body.redis === "ok",
        15_000,
      ),
    ).toEqual({ status: "ok", db: "ok", redis: "ok" });
  });

  it("an instance killed mid-run: another takes the run over and resumes it from its journal, a restarted one its own at once", async () => {
    const database = await freshDatabase();
    const slow = { DATABASE_URL: database.url, DEMO_TOKEN_DELAY_MS: "100" };
    const [a, b] = [await serve({ ...slow, INSTANCE_NAME: "web-a" }), await serve({ ...slow, INSTANCE_NAME: "web-b" })];
    // What the run answers when nothing happens to it: the demo model answers a question alike each time.
    const whole = await readSse(await stream(b));
    const answerOf = (events: { type: string; data: object }[]) =>
      events.flatMap((event) => (event.type === "text" ? [(event.data as { content: string }).content] : [])).join("");

    // Killed once it has answered something, and that is stored.
    const killAnswering = async (server: Server) => {
      const response = await stream(server);
      const runId = response.headers.get("x-run-id")!;
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (let seen = ""; !seen.includes("event: text");) seen += (await reader.read()).value ?? "";
      await eventually(
        () => storedLog(database, runId),
        (log) => log.some((event) => event.type === "text"),
        10_000,
      );
      server.child.kill("SIGKILL");
      await server.exited;
      return { runId, sessionId: response.headers.get("x-session-id")! };
    };
    /** The run ends as an uninterrupted one does, and its log has every seq once, no step twice, one end. */
    const expectResumed = async (runId: string) => {
      const row = await eventually(
        () => runRow(database, runId),
        (found) => found?.status === "SUCCEEDED" || found?.status === "FAILED",
        60_000,
      );
      expect(row).toEqual({ status: "SUCCEEDED", errorCode: null });
      const log = await storedLog(database, runId);
      expect(log.map((event) => event.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log.filter((event) => event.type === "start")).toHaveLength(1);
      expect(log.filter((event) => event.type === "done" || event.type === "error").map((event) => event.type)).toEqual(["done"]);
      const calls = log.flatMap((event) => (event.type === "tool_result" ? [(event.data as { call_id: string }).call_id] : []));
      expect(new Set(calls).size).toBe(calls.length);
      const [stored] = await query<{ attempts: number }>(database, `SELECT attempts FROM "Run" WHERE id = $1`, [runId]);
      expect(stored?.attempts).toBe(2);
      return log;
    };

    const onA = await killAnswering(a);
    const killedAt = performance.now();
    const resumedOnB = await expectResumed(onA.runId);
    // INSTANCE_TIMEOUT_S (2 s) and a heartbeat (1 s) make about 3 s before B takes it over; then the rest of the answer.
    expect(performance.now() - killedAt).toBeLessThan(60_000);
    const retry = resumedOnB.find((event) => event.type === "step_retry");
    expect(retry, "the model call the kill cut off is made again").toBeDefined();
    // What a client keeps: everything but the cut-off attempt's events, which follow `after_seq`.
    const { after_seq: afterSeq } = retry!.data as { after_seq: number };
    const kept = resumedOnB.filter((event) => event.seq <= afterSeq || event.seq > retry!.seq);
    expect(answerOf(kept)).toBe(answerOf(asStored(whole)));

    // Restarted under its name, a process resumes its earlier life's runs at once: by the heartbeat it
    // would take 10 minutes, and no other instance is left.
    const onB = await killAnswering(b);
    const restarted = await serve({ ...slow, INSTANCE_NAME: "web-b", INSTANCE_TIMEOUT_S: "600" });
    await expectResumed(onB.runId);
    const replay = await readSse(await fetch(`${restarted.url}/api/runs/${onB.runId}/events`, { headers: { "X-API-Key": KEY } }));
    expect(replay.at(-1)).toMatchObject({ event: "done" });
    // Its user finds one answer, the whole of it, not the cut-off attempt's text before it.
    const detail = await fetch(`${restarted.url}/api/agents/assistant/sessions/${onB.sessionId}`, { headers: { "X-API-Key": KEY } });
    const { messages } = (await detail.json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    const text = messages[1]!.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("");
    expect(text).toBe(answerOf(asStored(whole)));
  });

  it("a run whose process is killed once it has had RUN_MAX_ATTEMPTS executions ends INTERRUPTED, with what it answered kept", async () => {
    const database = await freshDatabase();
    const slow = { DATABASE_URL: database.url, DEMO_TOKEN_DELAY_MS: "300", RUN_MAX_ATTEMPTS: "1", INSTANCE_NAME: "web-c" };
    const server = await serve(slow);
    const answering = await stream(server);
    const runId = answering.headers.get("x-run-id")!;
    const reader = answering.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let seen = ""; !seen.includes("event: text");) seen += (await reader.read()).value ?? "";
    await eventually(
      () => storedLog(database, runId),
      (log) => log.some((event) => event.type === "text"),
      10_000,
    );
    server.child.kill("SIGKILL");
    await server.exited;
    const restarted = await serve({ ...slow, INSTANCE_TIMEOUT_S: "600" });
    expect(
      await eventually(
        () => runRow(database, runId),
        (row) => row?.status === "FAILED",
        30_000,
      ),
    ).toEqual({ status: "FAILED", errorCode: "INTERRUPTED" });
    const replay = await fetch(`${restarted.url}/api/runs/${runId}/events`, { headers: { "X-API-Key": KEY } });
    expect((await readSse(replay)).at(-1)).toMatchObject({ event: "error", data: { code: "INTERRUPTED" } });
    const detail = await fetch(`${restarted.url}/api/agents/assistant/sessions/${answering.headers.get("x-session-id")}`, {
      headers: { "X-API-Key": KEY },
    });
    const { messages } = (await detail.json()) as { messages: { role: string; parts: { type: string; text?: string; data?: object }[] }[] };
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    const parts = messages[1]!.parts;
    expect(parts.some((part) => part.type === "text" && part.text)).toBe(true);
    expect(parts.at(-1)).toMatchObject({ type: "data-run-error", data: { code: "INTERRUPTED" } });
  });
});
