import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { createDbClient } from "@/lib/db/prisma";
import { createMemoryBus, createRedisBus, type Bus } from "./bus";
import { createEventLog, readEvents } from "./event-log";
import { followRun } from "./follow";

const db = createDbClient(process.env.DATABASE_URL ?? "");
const redisUrl = process.env.TEST_REDIS_URL;
let userId: string;

beforeAll(async () => {
  const user = await db.user.create({ data: { email: `follow-${Date.now()}@example.com` } });
  userId = user.id;
});
afterAll(() => db.$disconnect());

async function newRun() {
  const session = await db.chatSession.create({ data: { userId, agent: "assistant", title: "t" } });
  return (await db.run.create({ data: { sessionId: session.id, userId, agent: "assistant", model: "demo", query: "q" } })).id;
}

const text = (i: number): AgentEvent => ({ type: "text", content: `token ${i} ` });
const done: AgentEvent = { type: "done", metadata: { duration_ms: 1, model: "demo", usage: { input_tokens: 1, output_tokens: 1 }, session_id: "s", run_id: "r" } };

/** Appends `count` text events then `done`, yielding to the event loop now and then like a real stream. */
async function produce(log: ReturnType<typeof createEventLog>, count: number) {
  for (let seq = 1; seq <= count; seq++) {
    log.append({ ...text(seq), seq });
    if (seq % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  log.append({ ...done, seq: count + 1 });
  await log.flush();
}

async function collect(events: AsyncGenerator<SequencedEvent>) {
  const seen: SequencedEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

function busContract(name: string, makeBus: () => Bus) {
  describe(`event log and follow over the ${name} bus`, () => {
    it("stores every event in batches and replays them in order", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await produce(createEventLog(runId, db, bus), 300);
      const stored = await readEvents(db, runId);
      expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
      expect(stored[0]).toEqual({ type: "text", content: "token 1 ", seq: 1 });
      expect(stored.at(-1)).toMatchObject({ type: "done", seq: 301 });
    });

    it("a follower joining mid-run gets every event exactly once, then stops at done", async () => {
      const bus = makeBus();
      const runId = await newRun();
      const log = createEventLog(runId, db, bus, { flushMs: 5 });
      for (let seq = 1; seq <= 50; seq++) log.append({ ...text(seq), seq });
      await log.flush();
      const following = collect(followRun(db, bus, runId, 0, new AbortController().signal));
      for (let seq = 51; seq <= 400; seq++) {
        log.append({ ...text(seq), seq });
        if (seq % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      log.append({ ...done, seq: 401 });
      await log.flush();
      const seen = await following;
      expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 401 }, (_, i) => i + 1));
    });

    it("resumes after a seq with exactly the missing events", async () => {
      const bus = makeBus();
      const runId = await newRun();
      await produce(createEventLog(runId, db, bus), 20);
      const seen = await collect(followRun(db, bus, runId, 12, new AbortController().signal));
      expect(seen.map((e) => e.seq)).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21]);
    });

    it("stops following when the caller goes away", async () => {
      const bus = makeBus();
      const runId = await newRun();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      expect(await collect(followRun(db, bus, runId, 0, controller.signal))).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
}

busContract("in-process", createMemoryBus);

describe.skipIf(!redisUrl)("with Redis", () => {
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  afterAll(() => redis?.quit());
  busContract("Redis", () => createRedisBus(redis!));

  it("delivers cancel requests published from another connection", async () => {
    const bus = createRedisBus(redis!);
    const other = createRedisBus(redis!.duplicate());
    const received = new Promise((resolve) => void bus.subscribe("run-x", resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.publish("run-x", { type: "cancel" });
    expect(await received).toEqual({ type: "cancel" });
  });
});
