import { errorBody, RUN_ERROR_STATUS } from "@/lib/http/errors";
import { json, route } from "@/lib/http/route";
import { startRequestedRun } from "@/lib/run-doors/run-request";
import { runRequestSchema } from "@/lib/runs/request";
import { followOutcome } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Synchronous chat: follows the run's log to its end and answers with its text, structured data and metadata. */
export const POST = route<{ name: string }>(async (request, { name }) => {
  const { runId, sessionId } = await startRequestedRun(request, runRequestSchema, () => name);
  const outcome = await followOutcome(runId);
  const ids = { session_id: sessionId, run_id: runId };
  if (outcome.error)
    return json(errorBody(outcome.error.code, outcome.error.message, ids), { status: RUN_ERROR_STATUS[outcome.error.code] });
  return json({
    answer: outcome.text,
    structured: outcome.outputs,
    ...ids,
    metadata: { duration_ms: outcome.durationMs, model: outcome.model, usage: outcome.usage },
  });
});
