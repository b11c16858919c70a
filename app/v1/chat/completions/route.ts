import { after } from "next/server";
import { json, route } from "@/lib/http/route";
import { eventStreamResponse } from "@/lib/http/sse";
import { completionChunks, completionOf, wholeCompletion } from "@/lib/openai/chunks";
import { startCompletion } from "@/lib/openai/completions";
import { followEvents } from "@/lib/runs/service";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** OpenAI's chat completions, answered by the agent named as `model` (Authorization: Bearer <API key>). */
export const POST = route(
  async (request, _params, log) => {
    const { runId, sessionId, finished, body, answer } = await startCompletion(request);
    after(finished.catch((error) => log.error({ err: error, runId }, "run failed")));
    const headers = { "X-Run-Id": runId, "X-Session-Id": sessionId };
    const run = { runId, completion: completionOf(runId, body.model), answer };
    const events = followEvents(runId, 0, request.signal);
    if (body.stream) {
      const chunks = completionChunks(events, { ...run, includeUsage: Boolean(body.stream_options?.include_usage) });
      return eventStreamResponse(chunks, String, headers);
    }
    const whole = await wholeCompletion(events, run);
    return json(whole.body, { status: whole.status, headers: { ...headers, ...whole.headers } });
  },
  { errors: "openai" },
);
