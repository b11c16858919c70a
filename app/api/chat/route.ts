import { createUIMessageStreamResponse } from "ai";
import { after } from "next/server";
import { toUIChunks } from "@/lib/chat/ui-message";
import { route } from "@/lib/http/route";
import { startRequestedRun } from "@/lib/run-doors/run-request";
import { uiChatRequestSchema } from "@/lib/chat/request";
import { followEvents } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** The browser's chat: the same run as /api/agents/{name}/stream, encoded as the AI SDK UI message stream. */
export const POST = route(async (request, _params, log) => {
  const { runId, sessionId, finished } = await startRequestedRun(request, uiChatRequestSchema, (body) => body.agent, {
    titleByModel: true,
  });
  after(finished.catch((error) => log.error({ err: error, runId }, "run failed")));
  return createUIMessageStreamResponse({
    stream: toUIChunks(followEvents(runId, 0, request.signal)),
    headers: { "X-Run-Id": runId, "X-Session-Id": sessionId },
  });
});
