import { reconnectServer } from "@/lib/admin/agents";
import { requireAdminCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Answers with the server's status after the attempt (`state: "error"` and why, if it failed). */
export const POST = route<{ server: string }>(async (request, { server }) => {
  await requireAdminCaller(request);
  return json(await reconnectServer(server));
});
