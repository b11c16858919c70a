import "server-only";
import type { Viewer } from "@/lib/db/users";
import { readSession, type SessionRecord } from "@/lib/runs/sessions";
import type { ChatMessage } from "./message";
import { toUIMessage } from "./ui-message";

type Entry = {
  id: string;
  role: "user" | "assistant";
  text: string;
  parts: ChatMessage["parts"];
  /** How long the model thought, for an answer. */
  thinkingMs?: number;
  runId: string | null;
  createdAt: Date;
};

/**
 * The conversation as it was shown: each question, then its answer rendered from its run's stored
 * events, so what a run did (reasoning, tools, phases, structured data, the error it ended with)
 * shows again exactly as it streamed, even when the run was interrupted before it could answer.
 * A run still in progress has no answer here: the chat follows its stream instead.
 */
async function conversationOf({ messages, runs, logs }: SessionRecord): Promise<Entry[]> {
  const answers = new Map(messages.filter((row) => row.role === "ASSISTANT").map((row) => [row.runId, row]));
  const finishedAt = new Map(runs.map((run) => [run.id, run.finishedAt]));
  const entries: Entry[] = [];
  for (const row of messages) {
    if (row.role !== "USER") continue;
    entries.push({ ...row, role: "user", parts: [{ type: "text", text: row.text }] });
    const log = row.runId ? logs.get(row.runId) : undefined;
    if (!row.runId || !log) continue;
    const shown = await toUIMessage(log);
    const parts = shown?.parts ?? [];
    const answer = answers.get(row.runId);
    if (!answer && !parts.some((part) => part.type !== "step-start")) continue;
    entries.push({
      id: answer?.id ?? `run-${row.runId}`,
      role: "assistant",
      text: answer?.text ?? "",
      parts,
      thinkingMs: shown?.metadata?.thinking_ms,
      runId: row.runId,
      createdAt: answer?.createdAt ?? finishedAt.get(row.runId) ?? row.createdAt,
    });
  }
  return entries;
}

/** A stored session as useChat's initial messages, each answer with the footer it streamed with. */
export async function loadTranscript(caller: Viewer, sessionId: string) {
  const record = await readSession(caller, sessionId);
  const runById = new Map(record.runs.map((run) => [run.id, run]));
  const metadataOf = (runId: string | null, thinkingMs?: number): ChatMessage["metadata"] => {
    const run = runId ? runById.get(runId) : undefined;
    if (!run) return { session_id: sessionId };
    return {
      run_id: run.id,
      session_id: sessionId,
      model: run.model,
      duration_ms: run.durationMs ?? undefined,
      usage: run.durationMs === null ? undefined : { input_tokens: run.inputTokens ?? 0, output_tokens: run.outputTokens ?? 0 },
      thinking_ms: thinkingMs,
    };
  };
  const messages = (await conversationOf(record)).map(({ id, role, parts, runId, thinkingMs }): ChatMessage =>
    role === "user" ? { id, role, parts } : { id, role, parts, metadata: metadataOf(runId, thinkingMs) },
  );
  return { session: record.session, messages };
}

/** A session for the REST API: its messages with their parts, and its runs; its params stay private. */
export async function sessionDetail(caller: Viewer, agent: string, id: string) {
  const record = await readSession(caller, id, agent);
  const { params: _params, ...session } = record.session;
  const runs = record.runs.map(({ finishedAt: _finishedAt, ...run }) => run);
  const messages = (await conversationOf(record)).map(({ thinkingMs: _thinkingMs, ...message }) => message);
  return { session, messages, runs };
}
