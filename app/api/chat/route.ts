import { createUIMessageStreamResponse } from "ai";
import { after } from "next/server";
import { requireCaller } from "@/lib/auth/caller";
import { toUIChunks } from "@/lib/chat/ui-message";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { limitChat } from "@/lib/http/rate-limit";
import { route } from "@/lib/http/route";
import { uiChatRequestSchema } from "@/lib/http/schemas";
import { followEvents, startRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** The browser's chat: the same run as /api/agents/{name}/stream, encoded as the AI SDK UI message stream. */
export const POST = route(async (request, _params, log) => {
  const caller = await requireCaller(request);
  const body = await readJson(request, uiChatRequestSchema, env.BODY_LIMIT_BYTES);
  await limitChat(caller.id);
  const { runId, sessionId, finished } = await startRun({
    agent: body.agent,
    caller,
    query: body.query,
    sessionId: body.session_id,
    params: body.params,
  });
  after(finished.catch((error) => log.error({ err: error, runId }, "run failed")));
  return createUIMessageStreamResponse({
    stream: toUIChunks(followEvents(runId, 0, request.signal)),
    headers: { "X-Run-Id": runId, "X-Session-Id": sessionId },
  });
});
