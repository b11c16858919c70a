import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { createRunQueue, type RunJob, type RunQueue, type RunQueueStats } from "./queue";
import { insertRunStarts, type RunStart } from "./run-store";

// Real PostgreSQL (DATABASE_URL, migrated): pg-boss with its own connections and LISTEN/NOTIFY.
// Each test has a queue of its own in the one `pgboss` schema.
const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
let userId: string;
const queues: RunQueue[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `queue-${Date.now()}@example.com` } })).id;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(queues.splice(0).map((queue) => queue.stop({ graceMs: 1_000 })));
});
afterAll(() => pool.end());

const uniqueName = (label: string) => `test-${label}-${randomBytes(3).toString("hex")}`;

async function startedQueue(name: string) {
  const queue = createRunQueue({ env, pool, name });
  queues.push(queue);
  await queue.start();
  return queue;
}

/** Items in arrival order; `take` waits for the next one. */
function inbox<T>() {
  const items: T[] = [];
  const waiting: ((item: T) => void)[] = [];
  return {
    items,
    push(item: T) {
      const taker = waiting.shift();
      if (taker) taker(item);
      else items.push(item);
    },
    take(): Promise<T> {
      if (items.length > 0) return Promise.resolve(items.shift()!);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** `work` rejected with `message` unless it settles within `ms`. */
function within<T>(ms: number, work: Promise<T>, message: string) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, end: "COMMIT" | "ROLLBACK" = "COMMIT", on = pool) {
  const client = await on.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query(end);
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** Each job of the queue: its run and state, in the order they were created. */
async function jobsOf(name: string) {
  const { rows } = await pool.query<{ runId: string; state: string }>(
    `SELECT data->>'runId' AS "runId", state FROM pgboss.job WHERE name = $1 ORDER BY created_on, data->>'runId'`,
    [name],
  );
  return rows;
}

/**
 * The queue's stats once `wanted` holds, or the last ones after a generous bound. Counts come from
 * pg-boss's monitor pass (every 2 s), workers from its registry heartbeat (QUEUE_HEARTBEAT_S).
 */
async function statsWhen(queue: RunQueue, wanted: (stats: RunQueueStats) => boolean) {
  const deadline = Date.now() + 4 * env.QUEUE_HEARTBEAT_S * 1000;
  for (;;) {
    const stats = await queue.stats();
    if (wanted(stats) || Date.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A job of our own id per run. */
const jobsFor = (runIds: string[]) => runIds.map((runId) => ({ runId, jobId: randomUUID() }));

const runStart = (query: string): RunStart => ({
  userId,
  agent: "assistant",
  model: "demo",
  query,
  params: {},
  status: "QUEUED",
  instanceId: "queue-test",
  expiresAt: new Date(Date.now() + 3_600_000),
  title: query,
  input: { history: [], titleByModel: false },
});

/** Runs `queries` and their jobs in one transaction ended by `end`; their run ids. */
function startRuns(queue: RunQueue, queries: string[], end: "COMMIT" | "ROLLBACK" = "COMMIT") {
  return inTransaction(async (client) => {
    const runIds = (await insertRunStarts(client, queries.map(runStart))).map((run) => run!.runId);
    await queue.enqueue(client, jobsFor(runIds));
    return runIds;
  }, end);
}

describe("the run queue", () => {
  it("runs the jobs committed with their runs, with the run's id; a rolled-back start leaves neither run nor job", async () => {
    const name = uniqueName("tx");
    const queue = await startedQueue(name);
    const committed = await startRuns(queue, ["first", "second"]);
    const rolledBack = await startRuns(queue, ["rolled back"], "ROLLBACK");
    const after = await startRuns(queue, ["after"]);

    const calls = inbox<RunJob>();
    await queue.work(1, async (job) => calls.push(job));
    // One worker takes jobs oldest first: a job of the rolled-back run would come before `after`.
    const seen = [await calls.take(), await calls.take(), await calls.take()];
    expect(seen.map(({ runId, attempt }) => ({ runId, attempt }))).toEqual(
      [...committed, ...after].map((runId) => ({ runId, attempt: 1 })),
    );
    expect(await db.run.count({ where: { id: { in: [...committed, ...after, ...rolledBack] } } })).toBe(3);
    expect((await jobsOf(name)).map((job) => job.runId)).not.toContain(rolledBack[0]);
  });

  it("gives the job of a worker killed while running it to another worker, as attempt 2", async () => {
    const name = uniqueName("kill");
    const producer = await startedQueue(name);
    const messages = inbox<{ from: ChildProcess; ready?: true; runId?: string; attempt?: number; exit?: number | null }>();
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/run-queue-worker.ts", name], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      child.on("message", (message: object) => messages.push({ from: child, ...message }));
      child.on("exit", (code) => messages.push({ from: child, exit: code }));
    }
    expect([await messages.take(), await messages.take()]).toMatchObject([{ ready: true }, { ready: true }]);

    const [runId] = await startRuns(producer, ["outlives its worker"]);
    const first = await messages.take();
    expect(first).toMatchObject({ runId, attempt: 1 });
    first.from.kill("SIGKILL");
    expect(await messages.take()).toMatchObject({ from: first.from, exit: null });

    // Expected within a heartbeat (10 s) plus the supervise and polling intervals (2 s, 5 s).
    const bound = 4 * env.QUEUE_HEARTBEAT_S * 1000;
    const second = await within(bound, messages.take(), `no other worker took the job within ${bound} ms`);
    expect(second.from).not.toBe(first.from);
    expect(second).toMatchObject({ runId, attempt: 2 });
  }, 90_000);

  it("never runs a job cancelled while queued", async () => {
    const name = uniqueName("cancel");
    const queue = await startedQueue(name);
    const jobs = jobsFor(["run-cancelled", "run-kept"]);
    await inTransaction((client) => queue.enqueue(client, jobs));
    const jobIds = jobs.map((job) => job.jobId);
    await queue.cancel(jobIds[0]!);

    const calls = inbox<RunJob>();
    await queue.work(1, async (job) => calls.push(job));
    // Oldest first: the cancelled job would have come before the kept one.
    expect((await calls.take()).runId).toBe("run-kept");
    expect(calls.items).toEqual([]);
    expect((await jobsOf(name))[0]).toEqual({ runId: "run-cancelled", state: "cancelled" });
  });

  it("runs at most `concurrency` jobs at once, and all of them", async () => {
    const queue = await startedQueue(uniqueName("concurrency"));
    const runIds = ["r1", "r2", "r3", "r4", "r5"];
    await inTransaction((client) => queue.enqueue(client, jobsFor(runIds)));

    let running = 0;
    let most = 0;
    const holding = inbox<() => void>();
    const ended = inbox<string>();
    await queue.work(2, async ({ runId }) => {
      most = Math.max(most, ++running);
      await new Promise<void>((release) => holding.push(release));
      running--;
      ended.push(runId);
    });
    // Two handlers held at once, until the database counts them (a third would have started by then),
    // then one more each time one is released.
    const held = [await holding.take(), await holding.take()];
    expect(await statsWhen(queue, (stats) => stats.active >= 2)).toMatchObject({ active: 2, queued: 3 });
    for (let i = 2; i < runIds.length; i++) {
      held.shift()!();
      held.push(await holding.take());
    }
    for (const release of held) release();
    const done = await Promise.all(runIds.map(() => ended.take()));
    expect(done.sort()).toEqual(runIds);
    expect(most).toBe(2);
  });

  it("on stop takes no new job and lets a running one finish within the grace", async () => {
    const name = uniqueName("stop");
    const worker = await startedQueue(name);
    const producer = await startedQueue(name);
    const calls = inbox<{ runId: string; release: () => void }>();
    await worker.work(2, ({ runId }) => new Promise((release) => calls.push({ runId, release })));
    await inTransaction((client) => producer.enqueue(client, jobsFor(["run-running"])));
    const running = await calls.take();

    const stopping = worker.stop({ graceMs: 60_000 });
    await inTransaction((client) => producer.enqueue(client, jobsFor(["run-later"])));
    running.release();
    await stopping;
    expect(calls.items).toEqual([]);
    expect(await jobsOf(name)).toEqual([
      { runId: "run-running", state: "completed" },
      { runId: "run-later", state: "created" },
    ]);
  });

  it("on stop, aborts a handler past the grace and gives its job to another worker as attempt 2", async () => {
    const name = uniqueName("grace");
    const worker = await startedQueue(name);
    const other = await startedQueue(name);
    const calls = inbox<RunJob>();
    const holdUntilAborted = (job: RunJob) => {
      calls.push(job);
      return new Promise<void>((resolve) => job.signal.addEventListener("abort", () => resolve()));
    };
    await worker.work(1, holdUntilAborted);
    await inTransaction((client) => other.enqueue(client, jobsFor(["run-overdue"])));
    const first = await calls.take();

    await worker.stop({ graceMs: 1_000 });
    expect(first.signal.aborted).toBe(true);
    await other.work(1, holdUntilAborted);
    expect(await calls.take()).toMatchObject({ runId: "run-overdue", attempt: 2 });
  });

  it("counts queued and active jobs, and the workers taking them", async () => {
    const queue = await startedQueue(uniqueName("stats"));
    await inTransaction((client) => queue.enqueue(client, jobsFor(["s1", "s2", "s3"])));
    expect(await statsWhen(queue, (stats) => stats.queued === 3)).toMatchObject({ queued: 3, active: 0, workers: [] });

    await queue.work(1, ({ signal }) => new Promise((resolve) => signal.addEventListener("abort", () => resolve())));
    expect(await statsWhen(queue, (stats) => stats.active === 1 && stats.workers[0]?.active === 1)).toMatchObject({
      queued: 2,
      active: 1,
      workers: [{ pid: process.pid, concurrency: 1, active: 1 }],
    });
  }, 90_000);

  it("on the embedded database (one connection at a time), shares the app's connection", async () => {
    const embedded = await startEmbeddedDatabase({ port: 0 });
    const onePool = createPool(embedded.url);
    try {
      const queue = createRunQueue({ env, pool: onePool, name: "runs" });
      await queue.start();
      const calls = inbox<RunJob>();
      await queue.work(1, async (job) => calls.push(job));
      await inTransaction((client) => queue.enqueue(client, jobsFor(["run-embedded"])), "COMMIT", onePool);
      queue.wake();
      expect(await calls.take()).toMatchObject({ runId: "run-embedded", attempt: 1 });
      await queue.stop({ graceMs: 1_000 });
    } finally {
      await onePool.end();
      await embedded.stop();
    }
  });
});
