import { usageReport, usageWindowSchema } from "@/lib/db/usage";
import { requireAdminCaller } from "@/lib/auth/caller";
import { readQuery } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `GET /api/admin/usage?days=30[&agent=name]`: the Runs page's figures as JSON. */
export const GET = route(async (request) => {
  await requireAdminCaller(request);
  return json(await usageReport(readQuery(request, usageWindowSchema)));
});
