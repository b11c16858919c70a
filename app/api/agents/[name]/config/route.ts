import { publicAgentConfig } from "@/lib/agent/config";
import { requireCaller } from "@/lib/auth/caller";
import { route, json } from "@/lib/http/route";
import { requireAgent } from "@/lib/runs/service";

export const dynamic = "force-dynamic";

export const GET = route<{ name: string }>(async (request, { name }) => {
  await requireCaller(request);
  return json(publicAgentConfig((await requireAgent(name)).config));
});
