import { requireCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { errorBody, RUN_ERROR_STATUS } from "@/lib/http/errors";
import { limitChat } from "@/lib/http/rate-limit";
import { json, route } from "@/lib/http/route";
import { chatRequestSchema } from "@/lib/http/schemas";
import { startRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Synchronous chat: waits for the run and answers with its text, structured data and metadata. */
export const POST = route<{ name: string }>(async (request, { name }) => {
  const caller = await requireCaller(request);
  const body = await readJson(request, chatRequestSchema, env.BODY_LIMIT_BYTES);
  await limitChat(caller.id);
  const { runId, sessionId, finished } = await startRun({
    agent: name,
    caller,
    query: body.query,
    sessionId: body.session_id,
    params: body.params,
  });
  const outcome = await finished;
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
