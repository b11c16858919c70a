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
  runId: string;
  versions?: { index: number; runs: string[] };
  createdAt: Date;
};

type Run = SessionRecord["runs"][number];

/**
 * The branch of the session's tree of runs to show: up from `at` (the latest run unless asked)
 * to the first, then down from it through the latest run after each, oldest first.
 */
function branchOf(runs: Run[], at?: string) {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const after = Map.groupBy(runs, (run) => run.parentRunId ?? "");
  const leaf = (at && byId.get(at)) || runs.at(-1);
  const path: Run[] = [];
  for (let run = leaf; run; run = run.parentRunId ? byId.get(run.parentRunId) : undefined) path.unshift(run);
  for (let run = leaf && after.get(leaf.id)?.at(-1); run; run = after.get(run.id)?.at(-1)) path.push(run);
  return { path, after };
}

/** Where `run` is among `siblings` that share `key`'s value: one entry per value, the latest run showing it. */
function versionsOf(run: Run, siblings: Run[], key: (run: Run) => string) {
  const latest = new Map<string, string>();
  for (const sibling of siblings) latest.set(key(sibling), sibling.id);
  if (latest.size < 2) return undefined;
  const keys = [...new Set(siblings.map(key))];
  return { index: keys.indexOf(key(run)), runs: keys.map((value) => latest.get(value)!) };
}

/**
 * The conversation as it was shown, along one branch: each question, then its answer rendered from
 * its run's stored events, so what a run did (reasoning, tools, phases, structured data, the error
 * it ended with) shows again exactly as it streamed, even when the run was interrupted before it
 * could answer. Edited questions and regenerated answers carry their versions. A run still in
 * progress has no answer here: the chat follows its stream instead.
 */
async function conversationOf({ messages, runs, logs }: SessionRecord, at?: string) {
  const byId = new Map(messages.map((row) => [row.id, row]));
  const askedBy = new Map(messages.filter((row) => row.role === "USER").map((row) => [row.runId, row]));
  const answers = new Map(messages.filter((row) => row.role === "ASSISTANT").map((row) => [row.runId, row]));
  const { path, after } = branchOf(runs, at);
  const questionOf = (run: Run) => (run.questionId && byId.get(run.questionId)) || askedBy.get(run.id);
  const entries: Entry[] = [];
  for (const run of path) {
    const question = questionOf(run);
    const siblings = after.get(run.parentRunId ?? "") ?? [run];
    const asked = (sibling: Run) => questionOf(sibling)?.id ?? sibling.id;
    entries.push({
      id: question?.id ?? `question-${run.id}`,
      role: "user",
      text: question?.text ?? run.query,
      parts: [{ type: "text", text: question?.text ?? run.query }],
      runId: run.id,
      versions: versionsOf(run, siblings, asked),
      createdAt: question?.createdAt ?? run.createdAt,
    });
    const log = logs.get(run.id);
    if (!log) continue;
    const shown = await toUIMessage(log);
    const parts = shown?.parts ?? [];
    const answer = answers.get(run.id);
    const regenerated = versionsOf(
      run,
      siblings.filter((sibling) => asked(sibling) === asked(run)),
      (sibling) => sibling.id,
    );
    if (!answer && !parts.some((part) => part.type !== "step-start") && !regenerated) continue;
    entries.push({
      id: answer?.id ?? `run-${run.id}`,
      role: "assistant",
      text: answer?.text ?? "",
      parts,
      thinkingMs: shown?.metadata?.thinking_ms,
      runId: run.id,
      versions: regenerated,
      createdAt: answer?.createdAt ?? run.finishedAt ?? run.createdAt,
    });
  }
  return entries;
}

const FEEDBACK = { 1: "up", [-1]: "down" } as const;

/**
 * A stored session as useChat's initial messages along one branch (the latest unless `at` names a
 * run on another), each answer with the footer it streamed with.
 */
export async function loadTranscript(caller: Viewer, sessionId: string, at?: string) {
  const record = await readSession(caller, sessionId);
  const runById = new Map(record.runs.map((run) => [run.id, run]));
  const answerMetadata = (run: Run, thinkingMs?: number): ChatMessage["metadata"] => ({
    run_id: run.id,
    session_id: sessionId,
    model: run.model,
    duration_ms: run.durationMs ?? undefined,
    usage: run.durationMs === null ? undefined : { input_tokens: run.inputTokens ?? 0, output_tokens: run.outputTokens ?? 0 },
    thinking_ms: thinkingMs,
    feedback: run.feedback === 1 || run.feedback === -1 ? FEEDBACK[run.feedback] : undefined,
  });
  const entries = await conversationOf(record, at);
  const messages = entries.map(({ id, role, parts, runId, thinkingMs, versions }): ChatMessage => {
    const metadata = role === "user" ? { run_id: runId } : answerMetadata(runById.get(runId)!, thinkingMs);
    return { id, role, parts, metadata: versions ? { ...metadata, versions } : metadata };
  });
  return { session: record.session, messages };
}

/** A session for the REST API: its messages along its latest branch with their parts, and all its runs; its params stay private. */
export async function sessionDetail(caller: Viewer, agent: string, id: string) {
  const record = await readSession(caller, id, agent);
  const { params: _params, ...session } = record.session;
  const runs = record.runs.map(({ finishedAt: _finishedAt, query: _query, ...run }) => run);
  const messages = (await conversationOf(record)).map(({ thinkingMs: _thinkingMs, ...message }) => message);
  return { session, messages, runs };
}
