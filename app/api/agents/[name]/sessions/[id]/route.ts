import { requireCaller } from "@/lib/auth/caller";
import { sessionDetail } from "@/lib/chat/transcript";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";
import { deleteSession, renameSession, renameSessionSchema } from "@/lib/runs/sessions";

export const dynamic = "force-dynamic";

export const GET = route<{ name: string; id: string }>(async (request, { name, id }) => {
  const caller = await requireCaller(request);
  return json(await sessionDetail(caller, name, id));
});

export const DELETE = route<{ name: string; id: string }>(async (request, { name, id }) => {
  const caller = await requireCaller(request);
  await deleteSession(caller, name, id);
  return new Response(null, { status: 204 });
});

export const PATCH = route<{ name: string; id: string }>(async (request, { name, id }) => {
  const caller = await requireCaller(request);
  const { title } = await readJson(request, renameSessionSchema, env.BODY_LIMIT_BYTES);
  return json(await renameSession(caller, name, id, title));
});
