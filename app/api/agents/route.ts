import { publicAgentConfig } from "@/lib/agent/config";
import { requireCaller } from "@/lib/auth/caller";
import { route, json } from "@/lib/http/route";
import { runtime } from "@/lib/runs/runtime";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const caller = await requireCaller(request);
  const loaded = await runtime().agents();
  const agents = [...loaded.agents.values()].map((agent) => publicAgentConfig(agent.config));
  // Load errors name files and fields: for the people who run the deployment only.
  return json(caller.role === "ADMIN" ? { agents, errors: loaded.errors } : { agents });
});
