import { adminSessionDetail } from "@/lib/admin/session-detail";
import { requireAdminCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Any user's session: transcript, runs and each run's event timeline. */
export const GET = route<{ id: string }>(async (request, { id }) => {
  const admin = await requireAdminCaller(request);
  return json(await adminSessionDetail(admin, id));
});
