import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, queryDatabase, type TestDatabase } from "@/test/support/databases";
import {
  readSse,
  startProductionServer,
  startRedis,
  startWorker,
  waitUntilServing,
  type Server,
  type SseEvent,
  type Worker,
} from "@/test/support/servers";

// RUN_EXECUTOR=pgboss as docker-compose runs it scaled: two web instances that only take requests
// (RUN_WORKERS=false) and two worker processes (`node worker.mjs`, the image's worker command), on
// one Postgres and one Redis. Runs wait as pg-boss jobs; a worker that dies loses its job to the other.
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "workers-service-key-0123456789";
const headers = { "X-API-Key": KEY, "Content-Type": "application/json", Connection: "close" };
const HEARTBEAT_S = 10;
const CONCURRENCY = 2;

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof startRedis>>;
let webs: Server[] = [];
const workers = new Map<string, Worker>();

const shared = () => ({
  DATABASE_URL: database.url,
  REDIS_URL: redis.url,
  RUN_EXECUTOR: "pgboss",
  QUEUE_HEARTBEAT_S: String(HEARTBEAT_S),
  INSTANCE_HEARTBEAT_S: "1",
  INSTANCE_TIMEOUT_S: "3",
  DEMO_TOKEN_DELAY_MS: "40",
  SHUTDOWN_GRACE_S: "2",
});

async function web() {
  const server = await startProductionServer({
    ...shared(),
    RUN_WORKERS: "false",
    AUTH_SECRET: "workers-test-secret-0123456789abcdef",
    API_KEYS: KEY,
    RATE_LIMIT_CHAT_PER_MIN: "1000",
  });
  await waitUntilServing(server);
  return server;
}

/** A worker named `name` (its runs' instanceId starts with it), taking CONCURRENCY runs at a time. */
async function worker(name: string) {
  const started = startWorker({ ...shared(), INSTANCE_NAME: name, WORKER_CONCURRENCY: String(CONCURRENCY) });
  workers.set(name, started);
  await started.ready;
  return started;
}

beforeAll(async () => {
  database = await createDatabase(serverUrl, "workers");
  redis = await startRedis();
  webs = [await web(), await web()];
  await Promise.all([worker("worker-1"), worker("worker-2")]);
}, 120_000);
afterAll(async () => {
  for (const server of [...webs, ...workers.values()]) await server.stop();
  await redis?.stop();
  await database?.drop();
});

const query = <T extends object>(text: string, values: unknown[] = []) => queryDatabase<T>(database.url, text, values);
const runRow = async (id: string) =>
  (
    await query<{ status: string; instanceId: string | null; attempts: number }>(
      `SELECT status, "instanceId", attempts FROM "Run" WHERE id = $1`,
      [id],
    )
  )[0]!;
const storedLog = (id: string) =>
  query<{ seq: number; type: string; data: object }>(`SELECT seq, type, data FROM "RunEvent" WHERE "runId" = $1 ORDER BY seq`, [id]);

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

const post = (server: Server, path: string, body: object = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });

/** A streamed run started on `server`, every event it streams collected. */
async function stream(server: Server, agent: string, query: string) {
  const response = await post(server, `/api/agents/${agent}/stream`, { query });
  expect(response.status).toBe(200);
  return { runId: response.headers.get("x-run-id")!, events: readSse(response) };
}

const workerOf = (instanceId: string | null) => instanceId?.split("/")[0];
const answerOf = (events: { type: string; data: object }[]) =>
  events.flatMap((event) => (event.type === "text" ? [(event.data as { content: string }).content] : [])).join("");
/** What a client keeps of a log: all but a cut-off model call's events (between after_seq and its step_retry). */
function shown(log: { seq: number; type: string; data: object }[]) {
  const dropped = log
    .filter((event) => event.type === "step_retry" && (event.data as { after_seq?: number }).after_seq !== undefined)
    .map((retry) => [(retry.data as { after_seq: number }).after_seq, retry.seq] as const);
  return log.filter((event) => !dropped.some(([after, retry]) => event.seq > after && event.seq <= retry));
}
const expectContiguous = (log: { seq: number }[]) => expect(log.map((event) => event.seq)).toEqual(log.map((_, i) => i + 1));

describe("runs on workers (RUN_EXECUTOR=pgboss): two web instances, two workers", () => {
  it("runs started on either web instance execute on both workers; beyond their concurrency they wait queued, then all complete", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => stream(webs[i % 2]!, "assistant", `What is ${i + 1} * ${i + 2}?`)));
    const ids = runs.map((run) => run.runId);
    // Four slots for eight runs: some wait in the queue, held by no process.
    const waiting = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Run" WHERE id = ANY($1) AND status = 'QUEUED' AND "instanceId" IS NULL`,
      [ids],
    );
    expect(waiting[0]!.n).toBeGreaterThan(0);
    for (const run of runs) expect((await run.events).at(-1)).toMatchObject({ event: "done" });
    const rows = await Promise.all(ids.map(runRow));
    expect(rows.every((row) => row.status === "SUCCEEDED")).toBe(true);
    expect(new Set(rows.map((row) => workerOf(row.instanceId)))).toEqual(new Set(["worker-1", "worker-2"]));
  }, 120_000);

  it("a run is followed and cancelled from the web instance that did not start it; a queued one is cancelled before any worker takes it", async () => {
    const long = (i: number) => stream(webs[0]!, "mcp-explorer", `Trigger a long running operation of 20 seconds with 20 steps (${i})`);
    const busy = await Promise.all([0, 1, 2, 3].map(long));
    await eventually(
      () => Promise.all(busy.map((run) => runRow(run.runId))),
      (rows) => rows.every((row) => row.status === "RUNNING"),
      30_000,
    );
    const queued = await long(4);
    expect(await runRow(queued.runId)).toMatchObject({ status: "QUEUED", instanceId: null });
    const cancelQueued = await post(webs[1]!, `/api/runs/${queued.runId}/cancel`);
    expect(cancelQueued.status).toBe(202);
    expect((await queued.events).at(-1)).toMatchObject({ event: "error", data: { code: "CANCELLED" } });
    expect(await runRow(queued.runId)).toMatchObject({ status: "CANCELLED", instanceId: null });

    const [first] = busy;
    const followed = readSse(await fetch(`${webs[1]!.url}/api/runs/${first!.runId}/events`, { headers }));
    const cancel = await post(webs[1]!, `/api/runs/${first!.runId}/cancel`);
    expect(cancel.status).toBe(202);
    const [onA, onB] = await Promise.all([first!.events, followed]);
    expect(onA.at(-1)).toMatchObject({ event: "error", data: { code: "CANCELLED" } });
    expect(onB.map((event: SseEvent) => event.id)).toEqual(onA.map((event: SseEvent) => event.id));
    for (const run of busy.slice(1)) await post(webs[0]!, `/api/runs/${run.runId}/cancel`);
    await Promise.all(busy.map((run) => run.events));
    // The cancelled job never ran: nobody took the run.
    expect((await runRow(queued.runId)).instanceId).toBeNull();
  }, 120_000);

  it("a worker killed in the middle of a model call: the other takes the job within twice the heartbeat and resumes the run from its journal", async () => {
    const question = "What is (12 + 30) * 2?";
    const whole = await (await stream(webs[0]!, "assistant", question)).events;
    const run = await stream(webs[0]!, "assistant", question);
    const answering = await eventually(
      () => storedLog(run.runId),
      (log) => log.filter((event) => event.type === "text").length > 2,
      30_000,
    );
    expect(answering.some((event) => event.type === "text")).toBe(true);
    const holder = workerOf((await runRow(run.runId)).instanceId)!;
    workers.get(holder)!.child.kill("SIGKILL");
    const killedAt = Date.now();
    const taken = await eventually(
      () => runRow(run.runId),
      (row) => workerOf(row.instanceId) !== holder,
      4 * HEARTBEAT_S * 1000,
    );
    const tookS = (Date.now() - killedAt) / 1000;
    console.log(
      `workers.test: a killed worker's run was taken by the other ${tookS.toFixed(1)} s after the kill (heartbeat ${HEARTBEAT_S} s)`,
    );
    expect(workerOf(taken.instanceId)).not.toBe(holder);
    expect(tookS).toBeLessThan(2 * HEARTBEAT_S + 5);
    expect((await run.events).at(-1)).toMatchObject({ event: "done" });
    const log = await storedLog(run.runId);
    expectContiguous(log);
    expect(log.some((event) => event.type === "step_retry")).toBe(true);
    expect(answerOf(shown(log))).toBe(answerOf(whole.map(({ id, event, data }) => ({ seq: id, type: event, data }))));
    expect(await runRow(run.runId)).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    await worker(holder);
  }, 120_000);

  it("a worker killed in the middle of an MCP tool call: the read-only call is made again on the other worker, and the run completes", async () => {
    const run = await stream(webs[1]!, "mcp-explorer", "Trigger a long running operation of 4 seconds with 4 steps");
    await eventually(
      () => storedLog(run.runId),
      (log) => log.some((event) => event.type === "tool_progress"),
      30_000,
    );
    const holder = workerOf((await runRow(run.runId)).instanceId)!;
    workers.get(holder)!.child.kill("SIGKILL");
    expect((await run.events).at(-1)).toMatchObject({ event: "done" });
    const log = await storedLog(run.runId);
    expectContiguous(log);
    const retry = log.find((event) => event.type === "step_retry");
    expect(retry?.data).toMatchObject({ attempt: 2 });
    const callId = (retry!.data as { call_id: string }).call_id;
    const results = log.filter((event) => event.type === "tool_result" && (event.data as { call_id: string }).call_id === callId);
    expect(results.map((event) => (event.data as { success: boolean }).success)).toEqual([true]);
    expect(workerOf((await runRow(run.runId)).instanceId)).not.toBe(holder);
    await worker(holder);
  }, 120_000);

  it("a worker stopped with SIGTERM lets its runs finish within SHUTDOWN_GRACE_S, then hands the rest to the other worker", async () => {
    const run = await stream(webs[0]!, "mcp-explorer", "Trigger a long running operation of 8 seconds with 8 steps");
    await eventually(
      () => storedLog(run.runId),
      (log) => log.some((event) => event.type === "tool_progress"),
      30_000,
    );
    const holder = await runRow(run.runId);
    const stoppedWorker = workers.get(workerOf(holder.instanceId)!)!;
    stoppedWorker.child.kill("SIGTERM");
    expect(await stoppedWorker.exited).toBe(0);
    expect((await run.events).at(-1)).toMatchObject({ event: "done" });
    const row = await runRow(run.runId);
    expect(row.status).toBe("SUCCEEDED");
    expect(workerOf(row.instanceId)).not.toBe(workerOf(holder.instanceId));
    expectContiguous(await storedLog(run.runId));
  }, 120_000);
});
