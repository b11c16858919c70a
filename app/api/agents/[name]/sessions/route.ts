import { requireCaller } from "@/lib/auth/caller";
import { readQuery } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";
import { requireAgent } from "@/lib/runs/service";
import { listQuerySchema, listSessions } from "@/lib/runs/sessions";

export const dynamic = "force-dynamic";

export const GET = route<{ name: string }>(async (request, { name }) => {
  const caller = await requireCaller(request);
  await requireAgent(name);
  return json(await listSessions(caller, { ...readQuery(request, listQuerySchema), agent: name }));
});
