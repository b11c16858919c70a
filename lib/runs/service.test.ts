import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SequencedEvent } from "@/lib/agent/events";
import type { Caller } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { readEvents } from "./event-store";
import { loadConversation } from "./run-store";
import { runtime } from "./runtime";
import { followEvents, rateRun, startRun } from "./service";

let caller: Caller;
let stranger: Caller;
beforeAll(async () => {
  const make = async (name: string) => {
    const user = await db.user.create({ data: { email: `service-${name}-${Date.now()}@example.com` } });
    return { id: user.id, email: user.email, role: "USER" as const };
  };
  caller = await make("owner");
  stranger = await make("stranger");
});
afterAll(async () => {
  await runtime().close();
  await pool.end();
});

async function collect(batches: AsyncGenerator<SequencedEvent[]>) {
  const seen: SequencedEvent[] = [];
  for await (const batch of batches) seen.push(...batch);
  return seen;
}

describe("the run service", () => {
  it("stores session, run, question, every event and the answer; the live stream is what a replay finds", async () => {
    const { runId, sessionId, finished } = await startRun({ agent: "assistant", caller, query: "What is (12 + 30) * 2?" });
    const live = collect(followEvents(runId, 0, new AbortController().signal));
    const outcome = (await finished)!;
    expect(outcome.status).toBe("succeeded");
    expect(outcome.text).toContain("84");

    const events = await live;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: "done", metadata: { run_id: runId, session_id: sessionId } });
    expect(await readEvents(pool, runId)).toEqual(events);
    // A follower arriving after the end reads the same from the log.
    expect(await collect(followEvents(runId, 0, new AbortController().signal))).toEqual(events);

    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", sessionId, userId: caller.id, agent: "assistant", query: "What is (12 + 30) * 2?" });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.durationMs).toBe(outcome.durationMs);
    const session = await db.chatSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ userId: caller.id, title: "What is (12 + 30) * 2?", messageCount: 2, lastRunStatus: "SUCCEEDED" });
    const messages = await db.message.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => [m.role, m.runId])).toEqual([
      ["USER", runId],
      ["ASSISTANT", runId],
    ]);
    expect(messages[1]!.text).toBe(outcome.text);
  });

  it("continues a session with its history, and keeps other people's sessions out of reach", async () => {
    const first = await startRun({ agent: "assistant", caller, query: "What time is it in Tokyo?" });
    await first.finished;
    const second = await startRun({ agent: "assistant", caller, query: "And what is 2 + 2?", sessionId: first.sessionId });
    expect(second.sessionId).toBe(first.sessionId);
    expect((await second.finished)!.status).toBe("succeeded");
    expect(await db.chatSession.findUniqueOrThrow({ where: { id: first.sessionId } })).toMatchObject({
      messageCount: 4,
      title: "What time is it in Tokyo?",
    });

    await expect(startRun({ agent: "assistant", caller: stranger, query: "Mine now?", sessionId: first.sessionId })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(startRun({ agent: "country-analyst", caller, query: "Wrong agent", sessionId: first.sessionId })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(startRun({ agent: "assistant", caller, query: "Gone", sessionId: "cnosuchsession0000000000" })).rejects.toMatchObject({
      code: "not_found",
    });
    // Nothing of the refused runs was stored.
    expect(await db.run.count({ where: { sessionId: first.sessionId } })).toBe(2);
  });

  it("an admin may continue anyone's session; the run stays the owner's", async () => {
    const { sessionId, finished } = await startRun({ agent: "assistant", caller, query: "What is 1 + 1?" });
    await finished;
    const admin = { ...stranger, role: "ADMIN" as const };
    const { runId, finished: done } = await startRun({ agent: "assistant", caller: admin, query: "What is 2 + 2?", sessionId });
    await done;
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).userId).toBe(caller.id);
  });
});

describe("a session's tree of runs", () => {
  const texts = (history: { role: string; text: string }[]) =>
    history.map((m) => (m.role === "user" ? m.text : `answer of ${m.text.length} chars`));
  const ask = async (query: string | undefined, sessionId?: string, branch?: Parameters<typeof startRun>[0]["branch"]) => {
    const run = await startRun({ agent: "assistant", caller, query, sessionId, branch });
    await run.finished;
    return run;
  };
  const historyAt = async (sessionId: string, branch?: Parameters<typeof startRun>[0]["branch"]) =>
    texts((await loadConversation(pool, sessionId, 50, branch))!.history);

  it("regenerates an answer and edits a question as siblings; each branch remembers only its own path", async () => {
    const first = await ask("What is 1 + 1?");
    const session = first.sessionId;
    const second = await ask("What is 2 + 2?", session);
    const again = await ask(undefined, session, { regenerate: second.runId });
    const edited = await ask("What is 3 + 3?", session, { edit: second.runId });

    const runs = await db.run.findMany({ where: { sessionId: session }, orderBy: { createdAt: "asc" } });
    const byId = new Map(runs.map((run) => [run.id, run]));
    expect(byId.get(second.runId)!.parentRunId).toBe(first.runId);
    // The regenerated run answers the same stored question; the edited one asks a new one.
    expect(byId.get(again.runId)).toMatchObject({
      parentRunId: first.runId,
      questionId: byId.get(second.runId)!.questionId,
      query: "What is 2 + 2?",
    });
    expect(byId.get(edited.runId)).toMatchObject({ parentRunId: first.runId, query: "What is 3 + 3?" });
    expect(byId.get(edited.runId)!.questionId).not.toBe(byId.get(second.runId)!.questionId);
    const questions = await db.message.count({ where: { sessionId: session, role: "USER" } });
    expect(questions).toBe(3);
    expect((await db.chatSession.findUniqueOrThrow({ where: { id: session } })).messageCount).toBe(
      await db.message.count({ where: { sessionId: session } }),
    );

    // By default a new question follows the latest run; `after` picks another branch.
    expect(await historyAt(session)).toEqual([
      "What is 1 + 1?",
      expect.stringMatching(/^answer of [1-9]/),
      "What is 3 + 3?",
      expect.stringMatching(/^answer of [1-9]/),
    ]);
    expect((await historyAt(session, { after: again.runId })).filter((line) => !line.startsWith("answer"))).toEqual([
      "What is 1 + 1?",
      "What is 2 + 2?",
    ]);
    expect(await historyAt(session, { regenerate: second.runId })).toEqual(["What is 1 + 1?", expect.stringMatching(/^answer of [1-9]/)]);
    expect(await historyAt(session, { edit: first.runId })).toEqual([]);
  });

  it("refuses a branch on a run of another session", async () => {
    const one = await ask("What is 4 + 4?");
    const other = await ask("What is 5 + 5?");
    await expect(
      startRun({ agent: "assistant", caller, query: "x", sessionId: one.sessionId, branch: { after: other.runId } }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.run.count({ where: { sessionId: one.sessionId } })).toBe(1);
  });
});

describe("feedback", () => {
  it("is the run's owner's: stored with the run, taken back with null, refused to anyone else", async () => {
    const { runId, finished } = await startRun({ agent: "assistant", caller, query: "What is 6 * 7?" });
    await finished;
    const stored = async () => await db.run.findUniqueOrThrow({ where: { id: runId }, select: { feedback: true, feedbackAt: true } });
    expect(await rateRun(caller, runId, "down")).toEqual({ run_id: runId, rating: "down" });
    expect(await stored()).toMatchObject({ feedback: -1, feedbackAt: expect.any(Date) });
    await rateRun(caller, runId, "up");
    expect((await stored()).feedback).toBe(1);
    await expect(rateRun(stranger, runId, "down")).rejects.toMatchObject({ code: "not_found" });
    await expect(rateRun({ ...stranger, role: "ADMIN" }, runId, "down")).rejects.toMatchObject({ code: "not_found" });
    expect((await stored()).feedback).toBe(1);
    await rateRun(caller, runId, null);
    expect(await stored()).toEqual({ feedback: null, feedbackAt: null });
  });
});
