import { createUIMessageStreamResponse } from "ai";
import { requireCaller } from "@/lib/auth/caller";
import { toUIChunks } from "@/lib/chat/ui-message";
import { route } from "@/lib/http/route";
import { findRunInProgress } from "@/lib/db/runs";
import { followEvents } from "@/lib/runs/service";
import { findVisibleSession } from "@/lib/runs/sessions";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Reattaches a reloaded chat to its session's run in progress (useChat's `resume`): the whole run
 * replayed from its log, then live. No run in progress: 204, and the stored transcript stands.
 */
export const GET = route<{ sessionId: string }>(async (request, { sessionId }) => {
  const caller = await requireCaller(request);
  await findVisibleSession(caller, sessionId);
  const run = await findRunInProgress(sessionId);
  if (!run) return new Response(null, { status: 204 });
  return createUIMessageStreamResponse({
    stream: toUIChunks(followEvents(run.id, 0, request.signal)),
    headers: { "X-Run-Id": run.id, "X-Session-Id": sessionId },
  });
});
