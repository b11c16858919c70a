import { requireCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";
import { cancelRun } from "@/lib/runs/service";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (request, { id }) => {
  const caller = await requireCaller(request);
  const result = await cancelRun(caller, id);
  return json(result, { status: result.status === "QUEUED" || result.status === "RUNNING" ? 202 : 200 });
});
