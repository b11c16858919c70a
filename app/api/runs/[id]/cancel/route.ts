import { requireCaller } from "@/lib/auth/caller";
import { isLive } from "@/lib/db/run-lifecycle";
import { json, route } from "@/lib/http/route";
import { cancelRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (request, { id }) => {
  const caller = await requireCaller(request);
  const result = await cancelRun(caller, id);
  return json(result, { status: isLive(result.status) ? 202 : 200 });
});
