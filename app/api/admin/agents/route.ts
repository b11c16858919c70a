import { agentsStatus } from "@/lib/admin/agents";
import { requireAdminCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  await requireAdminCaller(request);
  return json(await agentsStatus());
});
