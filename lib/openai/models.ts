import "server-only";
import { getRuntime, runtimeLoadedAt } from "@/lib/runs/runtime";

/**
 * `GET /v1/models`: the agents, as OpenAI models (every user may use every agent). `created` is when this server loaded them: agents have no creation date of their own.
 */
export async function listModels() {
  const runtime = await getRuntime();
  const created = Math.floor(runtimeLoadedAt() / 1000);
  return {
    object: "list",
    data: [...runtime.agents.keys()].map((id) => ({ id, object: "model", created, owned_by: "agent-studio" })),
  };
}
