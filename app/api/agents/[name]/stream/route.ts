import { after } from "next/server";
import { route } from "@/lib/http/route";
import { startRequestedRun } from "@/lib/run-doors/run-request";
import { runRequestSchema } from "@/lib/runs/request";
import { sseResponse } from "@/lib/http/sse";
import { followEvents } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Starts a run and streams its events; resume with GET /api/runs/{run_id}/events and Last-Event-ID. */
export const POST = route<{ name: string }>(async (request, { name }, log) => {
  const { runId, sessionId, finished } = await startRequestedRun(request, runRequestSchema, () => name);
  // The run outlives this response (and, on serverless hosts, keeps the function alive until it ends).
  after(finished.catch((error) => log.error({ err: error, runId }, "run failed")));
  return sseResponse(followEvents(runId, 0, request.signal), { "X-Run-Id": runId, "X-Session-Id": sessionId });
});
