import { requireCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";
import { deleteSession, getSessionDetail } from "@/lib/runs/sessions";

export const dynamic = "force-dynamic";

export const GET = route<{ name: string; id: string }>(async (request, { name, id }) => {
  const caller = await requireCaller(request);
  return json(await getSessionDetail(caller, name, id));
});

export const DELETE = route<{ name: string; id: string }>(async (request, { name, id }) => {
  const caller = await requireCaller(request);
  await deleteSession(caller, name, id);
  return new Response(null, { status: 204 });
});
