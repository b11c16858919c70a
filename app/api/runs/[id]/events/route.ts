import { requireCaller } from "@/lib/auth/caller";
import { route } from "@/lib/http/route";
import { resumeAfter, sseResponse } from "@/lib/http/sse";
import { findVisibleRun, followEvents } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Replays a run's events after Last-Event-ID (or ?after=), then follows it live until it ends. */
export const GET = route<{ id: string }>(async (request, { id }) => {
  const caller = await requireCaller(request);
  const run = await findVisibleRun(caller, id);
  return sseResponse(followEvents(run.id, resumeAfter(request), request.signal), { "X-Run-Id": run.id, "X-Session-Id": run.sessionId });
});
