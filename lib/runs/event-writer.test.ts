import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SequencedEvent } from "@/lib/agent/events";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { insertEvents, readEvents, type StoredEvent } from "./event-store";
import { hasSettled } from "@/test/support/settled";
import { createEventWriter, deliveryHooks, EventStorageError, type EventWriterOptions } from "./event-writer";

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `writer-${Date.now()}@example.com` } })).id;
});
afterAll(() => pool.end());

async function newRun() {
  const session = await db.chatSession.create({ data: { userId, agent: "assistant", title: "t" } });
  return (await db.run.create({ data: { sessionId: session.id, userId, agent: "assistant", model: "demo", query: "q" } })).id;
}

const text = (seq: number): SequencedEvent => ({ type: "text", content: `token ${seq} `, seq });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The writer waits with setTimeout and dates events with Date: faking both lets a test move time
 * itself, so a wait can only end early by what the test does. The database's own I/O stays real.
 */
const useFakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
afterEach(() => void vi.useRealTimers());

/** A writer on the real table whose statements are counted, and can be made to fail. */
function writer(options: Partial<EventWriterOptions> & { failWith?: (rows: StoredEvent[]) => unknown } = {}) {
  const statements: StoredEvent[][] = [];
  const failedRuns: string[] = [];
  const handedOff: StoredEvent[][] = [];
  const instance = createEventWriter({
    insert: async (rows) => {
      const failure = options.failWith?.(rows);
      if (failure) throw failure;
      statements.push(rows);
      await insertEvents(pool, rows);
    },
    onHandOff: (rows) => handedOff.push(rows),
    onRunFailed: (runId) => failedRuns.push(runId),
    flushMs: 20,
    maxBatch: 500,
    // Out of reach of a loaded machine's delays: the test of giving up sets its own.
    retryForMs: 60_000,
    ping: () => pool.query("SELECT 1"),
    ...options,
  });
  return { instance, statements, failedRuns, handedOff };
}

// A socket that failed: the database may answer again, so worth retrying.
const connectionLost = () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });

describe("the event writer", () => {
  it("stores the pending events of every run with one statement per batch", async () => {
    const runs = await Promise.all([newRun(), newRun(), newRun()]);
    const { instance, statements } = writer();
    for (let seq = 1; seq <= 40; seq++) for (const runId of runs) instance.append(runId, text(seq));
    await Promise.all(runs.map((runId) => instance.settled(runId)));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toHaveLength(120);
    for (const runId of runs)
      expect((await readEvents(pool, runId)).map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("sends an urgent event at once and holds the others for the flush window", async () => {
    const runId = await newRun();
    useFakeClock();
    const { instance, handedOff } = writer({ flushMs: 5_000 });
    instance.append(runId, text(1));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(handedOff).toHaveLength(0);
    // Within the window, so only `now` sends it, and the one waiting with it, in this very call.
    instance.append(runId, text(2), { now: true });
    expect(handedOff.flat().map((row) => row.event.seq)).toEqual([1, 2]);
    await instance.settled(runId);
  });

  it("retries a batch while the database is unreachable: nothing lost, nothing twice, order kept", async () => {
    const runId = await newRun();
    let failures = 3;
    const { instance, failedRuns } = writer({ failWith: () => (failures-- > 0 ? connectionLost() : undefined) });
    for (let seq = 1; seq <= 30; seq++) {
      instance.append(runId, text(seq));
      await sleep(2);
    }
    await instance.settled(runId);
    expect(failures).toBeLessThan(0);
    expect(failedRuns).toEqual([]);
    expect((await readEvents(pool, runId)).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("retries an error that says nothing of the database while the database does not answer (a connection cut mid-statement)", async () => {
    const runId = await newRun();
    // The database is back from the third try on; until then its ping fails too.
    let tries = 0;
    const down = () => tries <= 2;
    const unreachable = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const { instance, failedRuns } = writer({
      failWith: () => (++tries, down() ? new Error("Connection terminated unexpectedly") : undefined),
      ping: () => (down() ? Promise.reject(unreachable) : pool.query("SELECT 1")),
    });
    instance.append(runId, text(1), { now: true });
    await instance.settled(runId);
    expect(tries).toBe(3);
    expect(failedRuns).toEqual([]);
    expect((await readEvents(pool, runId)).map((e) => e.seq)).toEqual([1]);
  });

  it("gives up on runs whose storage stays down: their log stops where it was stored, without a hole", async () => {
    const runId = await newRun();
    let down = false;
    const { instance, failedRuns } = writer({ retryForMs: 200, failWith: () => (down ? connectionLost() : undefined) });
    for (let seq = 1; seq <= 5; seq++) instance.append(runId, text(seq));
    await instance.settled(runId);
    down = true;
    for (let seq = 6; seq <= 10; seq++) instance.append(runId, text(seq));
    await expect(instance.settled(runId)).rejects.toMatchObject({ name: "EventStorageError", outage: true });
    expect(failedRuns).toEqual([runId]);
    down = false;
    // Whatever the run still emits is dropped: a later event would leave a hole in its log.
    instance.append(runId, text(11));
    await expect(instance.settled(runId)).rejects.toBeInstanceOf(EventStorageError);
    await sleep(50);
    expect((await readEvents(pool, runId)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops waiting for storage once a run's signal aborts (cancelled, shut down): it fails at once, the others keep retrying", async () => {
    const [stopped, waiting, later] = await Promise.all([newRun(), newRun(), newRun()]);
    useFakeClock();
    let down = true;
    const order: string[] = [];
    const { instance } = writer({
      retryForMs: 10_000,
      failWith: () => (order.push("try"), down ? connectionLost() : undefined),
      onRunFailed: (runId) => order.push(runId),
    });
    for (const runId of [stopped, waiting]) instance.append(runId, text(1), { now: true });
    // Five tries, 50, 100, 200 and 400 ms apart: the writer now waits 800 ms before the next one.
    await vi.advanceTimersByTimeAsync(750);
    expect(order).toEqual(Array(5).fill("try"));
    const cancel = new AbortController();
    const settled = instance.settled(stopped, cancel.signal);
    cancel.abort();
    // With the clock standing still, only the abort can have ended that wait.
    expect(await hasSettled(settled)).toBe(true);
    await expect(settled).rejects.toMatchObject({ name: "EventStorageError", outage: true });
    // Failed before the writer tried again, which it then does at once for the others.
    expect(order.slice(5)).toEqual([stopped, "try"]);
    // A run whose events wait behind the batch being retried does not wait for it either.
    instance.append(later, text(1));
    await expect(instance.settled(later, AbortSignal.abort())).rejects.toMatchObject({ outage: true });
    expect(order.filter((entry) => entry !== "try")).toEqual([stopped, later]);
    down = false;
    const stored = instance.settled(waiting);
    await vi.advanceTimersByTimeAsync(2_000);
    await stored;
    expect(await readEvents(pool, waiting)).toHaveLength(1);
    expect(await readEvents(pool, stopped)).toEqual([]);
    expect(await readEvents(pool, later)).toEqual([]);
  });

  it("isolates a run whose rows the database rejects: the other runs in the batch are stored", async () => {
    const good = await newRun();
    const { instance, failedRuns } = writer();
    // No such run: the foreign key rejects its rows every time (SQLSTATE 23503), so no retrying.
    instance.append("no-such-run", text(1));
    for (let seq = 1; seq <= 3; seq++) instance.append(good, text(seq));
    await instance.settled(good);
    await expect(instance.settled("no-such-run")).rejects.toBeInstanceOf(EventStorageError);
    expect(failedRuns).toEqual(["no-such-run"]);
    expect((await readEvents(pool, good)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("fails a run at once on an error that is not the database's (a bug before the statement): no retrying", async () => {
    const runId = await newRun();
    let attempts = 0;
    const bug = new TypeError("Cannot read properties of undefined (reading 'toISOString')");
    const { instance, failedRuns } = writer({ retryForMs: 5_000, failWith: () => (attempts++, bug) });
    instance.append(runId, text(1), { now: true });
    await expect(instance.settled(runId)).rejects.toMatchObject({ cause: bug, outage: false });
    expect(attempts).toBe(1);
    expect(failedRuns).toEqual([runId]);
  });

  it("keeps each payload exactly as written, \\u0000 and lone surrogates included", async () => {
    const runId = await newRun();
    const { instance } = writer();
    const odd: SequencedEvent = {
      type: "tool_result",
      call_id: "c1",
      tool: "echo",
      result: { z: 1, a: "nul\u0000 and \ud800" },
      success: true,
      duration_ms: 1,
      seq: 1,
    };
    instance.append(runId, odd, { now: true });
    await instance.settled(runId);
    const [stored] = await readEvents(pool, runId);
    expect(JSON.stringify(stored)).toBe(
      JSON.stringify({
        call_id: "c1",
        tool: "echo",
        result: { z: 1, a: "nul\u0000 and \ud800" },
        success: true,
        duration_ms: 1,
        type: "tool_result",
        seq: 1,
      }),
    );
  });

  it("hands a batch to followers here before storing it, but a final event only once stored; other instances after", async () => {
    const runId = await newRun();
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { instance } = writer({
      insert: async (rows) => {
        await gate;
        await insertEvents(pool, rows);
      },
      ...deliveryHooks(
        (_, events) => seen.push(...events.map((e) => `here:${e.type}`)),
        (_, events) => seen.push(...events.map((e) => `elsewhere:${e.type}`)),
      ),
    });
    instance.append(runId, text(1));
    const end = {
      status: "CANCELLED" as const,
      model: "demo",
      durationMs: 5,
      usage: { input_tokens: 0, output_tokens: 0 },
      outputs: {},
      expiresAt: new Date(),
    };
    instance.append(runId, { type: "error", code: "CANCELLED", message: "The run was cancelled.", seq: 2 }, { now: true, end });
    await sleep(20);
    expect(seen).toEqual(["here:text"]);
    release();
    await instance.settled(runId);
    expect(seen).toEqual(["here:text", "here:error", "elsewhere:text", "elsewhere:error"]);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "CANCELLED", durationMs: 5 });
  });
});
