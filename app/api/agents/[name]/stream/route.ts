import { after } from "next/server";
import { requireCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { limitChat } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { chatRequestSchema } from "@/lib/http/schemas";
import { sseResponse } from "@/lib/http/sse";
import { followEvents, startRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Starts a run and streams its events; resume with GET /api/runs/{run_id}/events and Last-Event-ID. */
export const POST = route<{ name: string }>(async (request, { name }, log) => {
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
  // The run outlives this response (and, on serverless hosts, keeps the function alive until it ends).
  after(finished.catch((error) => log.error({ err: error, runId }, "run failed")));
  return sseResponse(followEvents(runId, 0, request.signal), { "X-Run-Id": runId, "X-Session-Id": sessionId });
});
