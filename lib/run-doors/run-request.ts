import "server-only";
import type { z } from "zod";
import { requireCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { limitChat } from "@/lib/http/rate-limit";
import type { runRequestSchema } from "@/lib/runs/request";
import type { Branch } from "@/lib/runs/run-store";
import { startRun } from "@/lib/runs/service";

/*
 * What the doors that start runs from an HTTP request share (the REST API, the browser's chat, /v1).
 * It needs the caller (lib/auth) and the body and rate limits (lib/http), so it sits above both and
 * below the doors: lib/http stays plumbing that imports no door.
 */

type RunRequest = z.infer<typeof runRequestSchema>;

/** What every door that starts a run does first, in this order: who asks (401), what they ask (400, 413), whether they may ask now (429). */
export async function admitRunRequest<B>(request: Request, schema: z.ZodType<B>) {
  const caller = await requireCaller(request);
  const body = await readJson(request, schema, env.BODY_LIMIT_BYTES);
  await limitChat(caller.id);
  return { caller, body };
}

/** Our own doors' runs: admitted, then started detached from the request. */
export async function startRequestedRun<B extends RunRequest>(
  request: Request,
  schema: z.ZodType<B>,
  agentOf: (body: B) => string,
  { titleByModel = false } = {},
) {
  const { caller, body } = await admitRunRequest(request, schema);
  return startRun({
    agent: agentOf(body),
    caller,
    query: body.query,
    sessionId: body.session_id,
    params: body.params,
    branch: branchOf(body),
    titleByModel,
  });
}

function branchOf(body: RunRequest): Branch | undefined {
  if (body.after_run_id) return { after: body.after_run_id };
  if (body.regenerate_run_id) return { regenerate: body.regenerate_run_id };
  if (body.edit_run_id) return { edit: body.edit_run_id };
  return undefined;
}
