import "server-only";
import type { Viewer } from "@/lib/db/users";
import { answeringModel } from "@/lib/runs/runtime";
import { requireAgent } from "@/lib/runs/service";

/**
 * What the chat page shows of an agent, with a notice when the demo model stands in: for admins,
 * what to configure; for everyone else, only that answers are simulated.
 */
export async function agentView(name: string, viewer: Viewer) {
  const { config } = await requireAgent(name);
  const demo = answeringModel(config.model) === "demo";
  const notice = !demo
    ? undefined
    : config.model !== "demo" && viewer.role === "ADMIN"
      ? `No OPENAI_API_KEY is configured, so the built-in demo model answers instead of ${config.model}.`
      : "This agent runs on the built-in demo model: answers are simulated from real tool results.";
  const phases = config.phases.map((phase) => ({ phase_id: phase.id, description: phase.description }));
  return { agent: { name: config.name, icon: config.icon, description: config.description, phases }, params: config.params, notice };
}
