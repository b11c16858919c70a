import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "@/lib/db/prisma";
import type { SequencedEvent } from "@/lib/agent/events";
import { insertEvents, readEvents, type RunEnd, type StoredEvent } from "./event-store";
import { insertRunStarts, type RunStart } from "./run-store";

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `run-store-${Date.now()}@example.com` } })).id;
});
afterAll(() => pool.end());

const start = (query: string, sessionId?: string): RunStart => ({
  sessionId,
  userId,
  agent: "assistant",
  model: "demo",
  query,
  params: { country: "ES" },
  status: "RUNNING",
  instanceId: "this-instance",
  expiresAt: new Date(Date.now() + 3600_000),
  title: query,
  input: { history: [], titleByModel: false, asked: query },
});

describe("starting runs in one statement", () => {
  it("creates new sessions, continues existing ones (counting every question) and skips deleted ones", async () => {
    const [first] = await insertRunStarts(pool, [start("First question")]);
    const gone = await db.chatSession.create({ data: { userId, agent: "assistant", title: "gone" } });
    await db.chatSession.delete({ where: { id: gone.id } });
    // Deleted by its user, not purged yet: no run joins it either.
    const hidden = await db.chatSession.create({ data: { userId, agent: "assistant", title: "hidden", deletedAt: new Date() } });

    const results = await insertRunStarts(pool, [
      start("A new chat"),
      start("Again", first!.sessionId),
      start("And again", first!.sessionId),
      start("Lost", gone.id),
      start("Deleted", hidden.id),
    ]);
    expect(results.map((result) => result === undefined)).toEqual([false, false, false, true, true]);
    expect(await db.run.count({ where: { sessionId: hidden.id } })).toBe(0);
    expect(results[1]!.sessionId).toBe(first!.sessionId);

    const continued = await db.chatSession.findUniqueOrThrow({ where: { id: first!.sessionId }, include: { runs: true, messages: true } });
    expect(continued).toMatchObject({ title: "First question", messageCount: 3 });
    expect(continued.runs.map((run) => run.query).sort()).toEqual(["Again", "And again", "First question"]);
    // Each run keeps what executing it again needs, its own.
    expect(continued.runs.map((run) => (run.input as { asked: string }).asked).sort()).toEqual(["Again", "And again", "First question"]);
    expect(continued.messages.map((message) => [message.role, message.text]).sort()).toEqual([
      ["USER", "Again"],
      ["USER", "And again"],
      ["USER", "First question"],
    ]);
    const fresh = await db.chatSession.findUniqueOrThrow({ where: { id: results[0]!.sessionId }, include: { runs: true } });
    expect(fresh).toMatchObject({ title: "A new chat", messageCount: 1, params: { country: "ES" } });
    expect(fresh.runs[0]).toMatchObject({
      id: results[0]!.runId,
      status: "RUNNING",
      instanceId: "this-instance",
      params: { country: "ES" },
    });
    expect(fresh.runs[0]!.startedAt).toBeInstanceOf(Date);
    expect(await db.run.count({ where: { sessionId: gone.id } })).toBe(0);
  });

  it("leaves a queued run without a start time", async () => {
    const [queued] = await insertRunStarts(pool, [{ ...start("Wait"), status: "QUEUED" }]);
    expect(await db.run.findUniqueOrThrow({ where: { id: queued!.runId } })).toMatchObject({ status: "QUEUED", startedAt: null });
  });
});

/** A run's final event with how it ended, as the run service hands it to the event writer. */
function ending(runId: string, answer?: string): StoredEvent {
  const usage = { input_tokens: 3, output_tokens: 4 };
  const end: RunEnd = {
    status: answer ? "SUCCEEDED" : "FAILED",
    model: "demo",
    durationMs: 12,
    usage,
    error: answer ? undefined : { code: "LLM_ERROR", message: "The model call failed." },
    outputs: answer ? { Report: { b: 1, a: 2 } } : {},
    answer: answer ? { text: answer } : undefined,
    expiresAt: new Date(Date.now() + 7200_000),
  };
  const event: SequencedEvent = answer
    ? { type: "done", metadata: { duration_ms: 12, model: "demo", usage, session_id: "s", run_id: runId }, seq: 2 }
    : { type: "error", code: "LLM_ERROR", message: "The model call failed.", seq: 2 };
  return { runId, event, at: new Date(), end };
}

const text = (runId: string): StoredEvent => ({ runId, event: { type: "text", content: "Hello", seq: 1 }, at: new Date() });

describe("ending runs with their last events, in one statement", () => {
  it("stores each run's row, answer and events, and counts two answers in one session twice", async () => {
    const [first] = await insertRunStarts(pool, [start("One")]);
    const [second, other] = await insertRunStarts(pool, [start("Two", first!.sessionId), start("Elsewhere")]);
    await insertEvents(pool, [
      text(first!.runId),
      ending(first!.runId, "Answer one"),
      text(second!.runId),
      ending(second!.runId, "Answer two"),
      ending(other!.runId),
    ]);

    const session = await db.chatSession.findUniqueOrThrow({ where: { id: first!.sessionId }, include: { messages: true } });
    expect(session.messageCount).toBe(4);
    expect(
      session.messages
        .filter((m) => m.role === "ASSISTANT")
        .map((m) => m.text)
        .sort(),
    ).toEqual(["Answer one", "Answer two"]);
    expect(session.lastRunStatus).toBe("SUCCEEDED");
    const run = await db.run.findUniqueOrThrow({ where: { id: first!.runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", durationMs: 12, inputTokens: 3, outputTokens: 4, errorCode: null });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(run.output)).toBe('{"Report":{"b":1,"a":2}}');
    expect((await readEvents(pool, first!.runId)).map((e) => e.type)).toEqual(["text", "done"]);

    const failed = await db.chatSession.findUniqueOrThrow({ where: { id: other!.sessionId }, include: { runs: true, messages: true } });
    expect(failed).toMatchObject({ messageCount: 1, lastRunStatus: "FAILED" });
    expect(failed.messages.map((m) => m.role)).toEqual(["USER"]);
    expect(failed.runs[0]).toMatchObject({ status: "FAILED", errorCode: "LLM_ERROR", output: null });
    expect((await readEvents(pool, other!.runId)).map((e) => e.type)).toEqual(["error"]);
  });
});
