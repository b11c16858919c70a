import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EventShapeError, type AgentEvent, type SequencedEvent } from "@/lib/agent/events";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { logger } from "@/lib/log";
import { createMemoryBus, createRedisBus, type Bus } from "./bus";
import { insertEvents, readEvents } from "./event-store";
import { createEventWriter, deliveryHooks } from "./event-writer";
import { followRun } from "./follow";
import { createActiveRuns } from "./active-runs";
import { createChannels } from "./live";

const channels = createChannels();
const followers = createActiveRuns();

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
const redisUrl = process.env.TEST_REDIS_URL;
let userId: string;

beforeAll(async () => {
  const user = await db.user.create({ data: { email: `follow-${Date.now()}@example.com` } });
  userId = user.id;
});
afterAll(() => pool.end());

async function newRun() {
  const session = await db.chatSession.create({ data: { userId, agent: "assistant", title: "t" } });
  return (await db.run.create({ data: { sessionId: session.id, userId, agent: "assistant", model: "demo", query: "q" } })).id;
}

const text = (i: number): AgentEvent => ({ type: "text", content: `token ${i} ` });
const done: AgentEvent = {
  type: "done",
  metadata: { duration_ms: 1, model: "demo", usage: { input_tokens: 1, output_tokens: 1 }, session_id: "s", run_id: "r" },
};
const seqs = (count: number, from = 1) => Array.from({ length: count }, (_, i) => i + from);

/** The app's wiring in small: followers here get batches at hand-off, the bus once stored. */
function writerFor(bus: Bus) {
  return createEventWriter({
    insert: (rows) => insertEvents(pool, rows),
    ...deliveryHooks(channels.deliver, (runId, events) => void bus.publish(runId, { type: "events", events })),
    flushMs: 5,
    maxBatch: 100,
    retryForMs: 1_000,
    ping: () => pool.query("SELECT 1"),
  });
}

/** Appends `count` text events then `done`, yielding to the event loop now and then like a real stream. */
async function produce(writer: ReturnType<typeof writerFor>, runId: string, count: number, from = 1) {
  for (let seq = from; seq < from + count; seq++) {
    writer.append(runId, { ...text(seq), seq });
    if (seq % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  writer.append(runId, { ...done, seq: from + count });
  await writer.settled(runId);
}

async function collect(batches: AsyncGenerator<SequencedEvent[]>) {
  const seen: SequencedEvent[] = [];
  for await (const batch of batches) seen.push(...batch);
  return seen;
}

const follow = (bus: Bus, runId: string, afterSeq = 0, signal = new AbortController().signal, pollMs?: number) =>
  followRun({ db: pool, bus, channels, followers, runId, afterSeq, signal, pollMs });

function busContract(name: string, makeBus: () => Bus) {
  describe(`event log and follow over the ${name} bus`, () => {
    it("stores every event, in batches, and replays them in order", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await produce(writerFor(bus), runId, 300);
      const stored = await readEvents(pool, runId);
      expect(stored.map((e) => e.seq)).toEqual(seqs(301));
      expect(stored[0]).toEqual({ type: "text", content: "token 1 ", seq: 1 });
      expect(stored.at(-1)).toMatchObject({ type: "done", seq: 301 });
    });

    it("a follower on another instance joining mid-run gets every event exactly once, then stops at done", async () => {
      const bus = makeBus();
      const runId = await newRun();
      const writer = writerFor(bus);
      for (let seq = 1; seq <= 50; seq++) writer.append(runId, { ...text(seq), seq });
      await writer.settled(runId);
      const following = collect(follow(bus, runId));
      await produce(writer, runId, 350, 51);
      expect((await following).map((e) => e.seq)).toEqual(seqs(401));
    });

    it("a follower in the executing process joining mid-run reads the run's channel: every event once", async () => {
      const bus = makeBus();
      const runId = await newRun();
      channels.open(runId);
      const writer = writerFor(bus);
      for (let seq = 1; seq <= 50; seq++) writer.append(runId, { ...text(seq), seq });
      await writer.settled(runId);
      const first = collect(follow(bus, runId));
      const resumed = collect(follow(bus, runId, 30));
      await produce(writer, runId, 350, 51);
      channels.close(runId);
      expect((await first).map((e) => e.seq)).toEqual(seqs(401));
      expect((await resumed).map((e) => e.seq)).toEqual(seqs(371, 31));
      // What the live followers got is what a replay finds.
      expect(await readEvents(pool, runId)).toEqual(await first);
    });

    it("a channel closed before the run's final event hands its follower over to the log", async () => {
      const bus = makeBus();
      const runId = await newRun();
      channels.open(runId);
      const writer = writerFor(bus);
      for (let seq = 1; seq <= 10; seq++) writer.append(runId, { ...text(seq), seq });
      await writer.settled(runId);
      const following = collect(follow(bus, runId));
      channels.close(runId);
      await insertEvents(pool, [{ runId, event: { ...done, seq: 11 }, at: new Date() }]);
      await bus.publish(runId, { type: "events", events: [{ ...done, seq: 11 }] });
      expect((await following).map((e) => e.seq)).toEqual(seqs(11));
    });

    it("resumes after a seq with exactly the missing events", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await produce(writerFor(bus), runId, 20);
      expect((await collect(follow(bus, runId, 12))).map((e) => e.seq)).toEqual(seqs(9, 13));
    });

    it("ends at once when asked for what comes after a finished run's last event", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await produce(writerFor(bus), runId, 5);
      await db.run.update({ where: { id: runId }, data: { status: "SUCCEEDED" } });
      expect(await collect(follow(bus, runId, 6))).toEqual([]);
      expect(await collect(follow(bus, runId, 2_147_483_647))).toEqual([]);
    });

    it("ends after the stored events of a run that is over without a final event", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await insertEvents(
        pool,
        seqs(4).map((seq) => ({ runId, event: { ...text(seq), seq }, at: new Date() })),
      );
      await db.run.update({ where: { id: runId }, data: { status: "FAILED" } });
      expect((await collect(follow(bus, runId, 1))).map((e) => e.seq)).toEqual([2, 3, 4]);
    });

    it("publishing says how many subscribers it reached, so an unheard cancel can be sent again", async () => {
      const bus = makeBus();
      const channel = `instance:count-${Date.now()}`;
      expect(await bus.publish(channel, { type: "cancel", runId: "r" })).toBe(0);
      const unsubscribe = await bus.subscribe(channel, () => {});
      // A new Redis bus's subscriber connection may still be connecting when subscribe resolves.
      await expect.poll(() => bus.publish(channel, { type: "cancel", runId: "r" })).toBe(1);
      await unsubscribe();
    });

    it("refuses a stored event that does not fit the event schema rather than stream it", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await pool.query(`INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt") VALUES ($1, 1, 'text', '{"words": 3}', now())`, [
        runId,
      ]);
      await expect(collect(follow(bus, runId))).rejects.toBeInstanceOf(EventShapeError);
    });

    it("stops following when the caller goes away", async () => {
      const bus = makeBus();
      const runId = await newRun();
      const controller = new AbortController();
      // With the log's poll an hour away and nothing on the bus, only the abort can end the wait.
      const following = collect(follow(bus, runId, 0, controller.signal, 3_600_000));
      setTimeout(() => controller.abort(), 100);
      expect(await following).toEqual([]);
    });
  });
}

busContract("in-process", createMemoryBus);

describe.skipIf(!redisUrl)("with Redis", () => {
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  afterAll(() => redis?.quit());
  busContract("Redis", () => createRedisBus(redis!));

  it("checks what other instances send: a message that is not a run message is dropped", async () => {
    const bus = createRedisBus(redis!);
    const received: unknown[] = [];
    await bus.subscribe("run-checked", (message) => received.push(message));
    await expect.poll(async () => (await redis!.pubsub("NUMSUB", "agent-studio:run:run-checked"))[1]).toBe(1);
    await redis!.publish("agent-studio:run:run-checked", JSON.stringify({ type: "events", events: [{ type: "text", seq: 0 }] }));
    await redis!.publish("agent-studio:run:run-checked", JSON.stringify({ type: "events", events: [{ ...text(1), seq: 1 }] }));
    await expect.poll(() => received.length).toBe(1);
    expect(received).toEqual([{ type: "events", events: [{ ...text(1), seq: 1 }] }]);
  });

  it("drops a message that is not JSON, saying so with its channel, and still delivers the next", async () => {
    const warn = vi.spyOn(logger, "warn");
    const bus = createRedisBus(redis!);
    const received: unknown[] = [];
    await bus.subscribe("run-garbled", (message) => received.push(message));
    await expect.poll(async () => (await redis!.pubsub("NUMSUB", "agent-studio:run:run-garbled"))[1]).toBe(1);
    await redis!.publish("agent-studio:run:run-garbled", "{not json");
    await redis!.publish("agent-studio:run:run-garbled", JSON.stringify({ type: "events", events: [{ ...text(1), seq: 1 }] }));
    await expect.poll(() => received.length).toBe(1);
    expect(received).toEqual([{ type: "events", events: [{ ...text(1), seq: 1 }] }]);
    expect(warn).toHaveBeenCalledWith({ channel: "agent-studio:run:run-garbled", prefix: "{not json" }, expect.any(String));
    warn.mockRestore();
  });

  it("delivers cancel requests published from another connection", async () => {
    const bus = createRedisBus(redis!);
    const other = createRedisBus(redis!.duplicate());
    const received = new Promise((resolve) => void bus.subscribe("instance:x", resolve));
    await expect.poll(async () => (await redis!.pubsub("NUMSUB", "agent-studio:run:instance:x"))[1]).toBe(1);
    await other.publish("instance:x", { type: "cancel", runId: "run-x" });
    expect(await received).toEqual({ type: "cancel", runId: "run-x" });
  });
});
