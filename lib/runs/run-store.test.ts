import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { readEvents } from "./event-store";
import { insertRunEnds, insertRunStarts, type RunEnd, type RunStart } from "./run-store";

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
});

describe("starting runs in one statement", () => {
  it("creates new sessions, continues existing ones (counting every question) and skips deleted ones", async () => {
    const [first] = await insertRunStarts(pool, [start("First question")]);
    const gone = await db.chatSession.create({ data: { userId, agent: "assistant", title: "gone" } });
    await db.chatSession.delete({ where: { id: gone.id } });

    const results = await insertRunStarts(pool, [start("A new chat"), start("Again", first!.sessionId), start("And again", first!.sessionId), start("Lost", gone.id)]);
    expect(results.map((result) => result === undefined)).toEqual([false, false, false, true]);
    expect(results[1]!.sessionId).toBe(first!.sessionId);

    const continued = await db.chatSession.findUniqueOrThrow({ where: { id: first!.sessionId }, include: { runs: true, messages: true } });
    expect(continued).toMatchObject({ title: "First question", messageCount: 3 });
    expect(continued.runs.map((run) => run.query).sort()).toEqual(["Again", "And again", "First question"]);
    expect(continued.messages.map((message) => [message.role, message.text]).sort()).toEqual([
      ["USER", "Again"],
      ["USER", "And again"],
      ["USER", "First question"],
    ]);
    const fresh = await db.chatSession.findUniqueOrThrow({ where: { id: results[0]!.sessionId }, include: { runs: true } });
    expect(fresh).toMatchObject({ title: "A new chat", messageCount: 1, params: { country: "ES" } });
    expect(fresh.runs[0]).toMatchObject({ id: results[0]!.runId, status: "RUNNING", instanceId: "this-instance", params: { country: "ES" } });
    expect(fresh.runs[0]!.startedAt).toBeInstanceOf(Date);
    expect(await db.run.count({ where: { sessionId: gone.id } })).toBe(0);
  });

  it("leaves a queued run without a start time", async () => {
    const [queued] = await insertRunStarts(pool, [{ ...start("Wait"), status: "QUEUED" }]);
    expect(await db.run.findUniqueOrThrow({ where: { id: queued!.runId } })).toMatchObject({ status: "QUEUED", startedAt: null });
  });
});

const end = (runId: string, answer?: string): RunEnd => ({
  runId,
  status: answer ? "SUCCEEDED" : "FAILED",
  model: "demo",
  durationMs: 12,
  usage: { input_tokens: 3, output_tokens: 4 },
  error: answer ? undefined : { code: "LLM_ERROR", message: "The model call failed." },
  outputs: answer ? { Report: { b: 1, a: 2 } } : {},
  answer: answer ? { text: answer, parts: [{ type: "text", text: answer }] } : undefined,
  expiresAt: new Date(Date.now() + 7200_000),
  final: answer
    ? { type: "done", metadata: { duration_ms: 12, model: "demo", usage: { input_tokens: 3, output_tokens: 4 }, session_id: "s", run_id: runId }, seq: 1 }
    : { type: "error", code: "LLM_ERROR", message: "The model call failed.", seq: 1 },
});

describe("ending runs in one statement", () => {
  it("stores each run's row, answer and final event, and counts two answers in one session twice", async () => {
    const [first] = await insertRunStarts(pool, [start("One")]);
    const [second, other] = await insertRunStarts(pool, [start("Two", first!.sessionId), start("Elsewhere")]);
    await insertRunEnds(pool, [end(first!.runId, "Answer one"), end(second!.runId, "Answer two"), end(other!.runId)]);

    const session = await db.chatSession.findUniqueOrThrow({ where: { id: first!.sessionId }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(session.messageCount).toBe(4);
    expect(session.messages.filter((m) => m.role === "ASSISTANT").map((m) => m.text).sort()).toEqual(["Answer one", "Answer two"]);
    expect(session.lastRunStatus).toBe("SUCCEEDED");
    const run = await db.run.findUniqueOrThrow({ where: { id: first!.runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", durationMs: 12, inputTokens: 3, outputTokens: 4, errorCode: null });
    expect(JSON.stringify(run.output)).toBe('{"Report":{"b":1,"a":2}}');
    expect(await readEvents(pool, first!.runId)).toEqual([end(first!.runId, "x").final]);

    const failed = await db.chatSession.findUniqueOrThrow({ where: { id: other!.sessionId }, include: { runs: true, messages: true } });
    expect(failed).toMatchObject({ messageCount: 1, lastRunStatus: "FAILED" });
    expect(failed.messages.map((m) => m.role)).toEqual(["USER"]);
    expect(failed.runs[0]).toMatchObject({ status: "FAILED", errorCode: "LLM_ERROR", output: null });
    expect((await readEvents(pool, other!.runId)).map((e) => e.type)).toEqual(["error"]);
  });
});
