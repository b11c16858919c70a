import "server-only";
import type { Viewer } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { findVisibleSession } from "@/lib/runs/service";
import type { ChatMessage } from "./message";

/** A stored session as useChat's initial messages: answers keep the parts they were streamed with. */
export async function loadTranscript(caller: Viewer, sessionId: string) {
  const session = await findVisibleSession(caller, sessionId);
  const [rows, runs] = await Promise.all([
    db.message.findMany({ where: { sessionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.run.findMany({ where: { sessionId }, select: { id: true, model: true, durationMs: true, inputTokens: true, outputTokens: true } }),
  ]);
  const runById = new Map(runs.map((run) => [run.id, run]));
  // The answer's footer (model, duration, tokens) comes from its run, as it did when streamed.
  const metadataOf = (runId: string | null): ChatMessage["metadata"] => {
    const run = runId ? runById.get(runId) : undefined;
    if (!run) return { session_id: sessionId };
    return {
      run_id: run.id,
      session_id: sessionId,
      model: run.model,
      duration_ms: run.durationMs ?? undefined,
      usage: run.durationMs === null ? undefined : { input_tokens: run.inputTokens ?? 0, output_tokens: run.outputTokens ?? 0 },
    };
  };
  const messages: ChatMessage[] = rows.map((row) =>
    row.role === "USER"
      ? { id: row.id, role: "user", parts: [{ type: "text", text: row.text }] }
      : { id: row.id, role: "assistant", parts: (row.parts as ChatMessage["parts"]) ?? [], metadata: metadataOf(row.runId) },
  );
  return { session, messages };
}
