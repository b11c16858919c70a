import { requireCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";
import { feedbackSchema } from "@/lib/runs/request";
import { rateRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";

/** The caller's thumbs up or down on their run's answer (`null` takes it back). */
export const POST = route<{ id: string }>(async (request, { id }) => {
  const caller = await requireCaller(request);
  const { rating } = await readJson(request, feedbackSchema, env.BODY_LIMIT_BYTES);
  return json(await rateRun(caller, id, rating));
});
