import "server-only";
import { runtime } from "@/lib/runs/runtime";

/**
 * `GET /v1/models`: the agents, as OpenAI models (every user may use every agent). `created` is when this server loaded them: agents have no creation date of their own.
 */
export async function listModels() {
  const loaded = await runtime().agents();
  const created = Math.floor(runtime().agentsLoadedAt() / 1000);
  return {
    object: "list",
    data: [...loaded.agents.keys()].map((id) => ({ id, object: "model", created, owned_by: "agent-studio" })),
  };
}
