import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { readEvents } from "@/lib/runs/event-store";
import { insertRunAbandoned } from "@/lib/runs/run-store";
import { runtime } from "@/lib/runs/runtime";
import { startRun } from "@/lib/runs/service";
import { loadTranscript, sessionDetail } from "./transcript";
import { toUIMessage } from "./ui-message";

let caller: Caller;
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `transcript-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
afterAll(async () => {
  await runtime().close();
  await pool.end();
});

/** A run that stopped mid-answer (its process died), or one still going: its question and some events. */
async function runLeftAt(status: "RUNNING", events: { type: string; data: object }[]) {
  const session = await db.chatSession.create({ data: { userId: caller.id, agent: "assistant", title: "Tell me" } });
  const run = await db.run.create({
    data: { sessionId: session.id, userId: caller.id, agent: "assistant", model: "demo", query: "Tell me", status },
  });
  await db.message.create({ data: { sessionId: session.id, runId: run.id, role: "USER", text: "Tell me" } });
  const start = { type: "start", data: { run_id: run.id, session_id: session.id, agent: "assistant", model: "demo" } };
  await db.runEvent.createMany({ data: [start, ...events].map((event, i) => ({ runId: run.id, seq: i + 1, ...event })) });
  return { sessionId: session.id, runId: run.id };
}

describe("a session's transcript", () => {
  it("shows each answer as it streamed, rebuilt from its run's stored events", async () => {
    const { runId, sessionId, finished } = await startRun({ agent: "assistant", caller, query: "What is (12 + 30) * 2?" });
    await finished;
    const { messages } = await loadTranscript(caller, sessionId);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(messages[0]!.parts).toEqual([{ type: "text", text: "What is (12 + 30) * 2?" }]);
    const streamed = (await toUIMessage(await readEvents(pool, runId)))!;
    expect(messages[1]!.parts).toEqual(streamed.parts);
    expect(messages[1]!.parts.map((part) => part.type)).toEqual(expect.arrayContaining(["reasoning", "dynamic-tool", "text"]));
    // The footer and the thinking time it streamed with.
    expect(messages[1]!.metadata).toMatchObject({
      run_id: runId,
      session_id: sessionId,
      model: "demo",
      thinking_ms: streamed.metadata!.thinking_ms,
    });
    expect(messages[1]!.metadata!.thinking_ms).toBeGreaterThan(0);

    const detail = await sessionDetail(caller, "assistant", sessionId);
    expect(detail.messages.map((m) => [m.role, m.runId])).toEqual([
      ["user", runId],
      ["assistant", runId],
    ]);
    expect(detail.messages[1]!.parts).toEqual(streamed.parts);
    expect(detail.session).not.toHaveProperty("params");
  });

  it("keeps what an interrupted run produced, with the error it ended with", async () => {
    const { sessionId, runId } = await runLeftAt("RUNNING", [
      { type: "thinking", data: { content: "Let me see" } },
      { type: "text", data: { content: "The first half" } },
    ]);
    await insertRunAbandoned(pool, runId, { code: "INTERRUPTED", message: "The server restarted." });
    const { messages } = await loadTranscript(caller, sessionId);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(messages[1]!.id).toBe(`run-${runId}`);
    expect(messages[1]!.parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "reasoning", text: "Let me see" }),
        expect.objectContaining({ type: "text", text: "The first half" }),
        expect.objectContaining({ type: "data-run-error", data: expect.objectContaining({ code: "INTERRUPTED" }) }),
      ]),
    );
  });

  it("leaves out what a step_retry voided: the answer of a run resumed after its process died shows once", async () => {
    const { sessionId, runId } = await runLeftAt("RUNNING", [
      // The cut-off attempt's text continues the part of the text before it.
      { type: "text", data: { content: "In short: " } },
      { type: "text", data: { content: "Spain's " } },
      { type: "step_retry", data: { step: "answer/model/1", attempt: 2, after_seq: 2 } },
      { type: "text", data: { content: "Spain's capital is Madrid." } },
    ]);
    await insertRunAbandoned(pool, runId, { code: "INTERRUPTED", message: "The server restarted." });
    const { messages } = await loadTranscript(caller, sessionId);
    expect(messages[1]!.parts.filter((part) => part.type === "text")).toMatchObject([{ text: "In short: Spain's capital is Madrid." }]);
  });

  it("leaves out the answer of a run still in progress: the chat follows its stream", async () => {
    const { sessionId } = await runLeftAt("RUNNING", [{ type: "text", data: { content: "So far" } }]);
    const { messages } = await loadTranscript(caller, sessionId);
    expect(messages.map((m) => m.role)).toEqual(["user"]);
  });
});

describe("versions", () => {
  it("show one branch, with the edited question's and the regenerated answer's versions and the run showing each", async () => {
    const ask = async (query: string | undefined, sessionId?: string, branch?: Parameters<typeof startRun>[0]["branch"]) => {
      const run = await startRun({ agent: "assistant", caller, query, sessionId, branch });
      await run.finished;
      return run.runId;
    };
    const first = await ask("What is 1 + 1?");
    const { sessionId } = (await db.run.findUniqueOrThrow({ where: { id: first } })) as { sessionId: string };
    const second = await ask("What is 2 + 2?", sessionId);
    const regenerated = await ask(undefined, sessionId, { regenerate: second });
    const edited = await ask("What is 3 + 3?", sessionId, { edit: second });
    const shown = (messages: Awaited<ReturnType<typeof loadTranscript>>["messages"]) =>
      messages.map((m) => [m.role, m.metadata?.run_id, m.metadata?.versions ?? null]);

    const latest = await loadTranscript(caller, sessionId);
    expect(shown(latest.messages)).toEqual([
      ["user", first, null],
      ["assistant", first, null],
      ["user", edited, { index: 1, runs: [regenerated, edited] }],
      ["assistant", edited, null],
    ]);

    const older = await loadTranscript(caller, sessionId, second);
    expect(shown(older.messages).slice(2)).toEqual([
      ["user", second, { index: 0, runs: [regenerated, edited] }],
      ["assistant", second, { index: 0, runs: [second, regenerated] }],
    ]);
    expect(older.messages[2]!.parts).toEqual([{ type: "text", text: "What is 2 + 2?" }]);
    // A run of another session is no place in this one: the latest branch shows.
    expect(shown((await loadTranscript(caller, sessionId, "cnosuchrun00000000000000")).messages)).toEqual(shown(latest.messages));
  });
});
