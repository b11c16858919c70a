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
  const notice = demoNotice(config.model, viewer.role);
  const phases = config.phases.map((phase) => ({ phase_id: phase.id, description: phase.description }));
  return { agent: { name: config.name, icon: config.icon, description: config.description, phases }, params: config.params, notice };
}

/** Why the demo model answers for `model`, if it does: for admins, the variable to set; for everyone else, only that answers are simulated. */
export function demoNotice(model: string, role: Viewer["role"]) {
  const { id, missing } = answeringModel(model);
  if (id !== "demo") return undefined;
  return missing && role === "ADMIN"
    ? `No ${missing} is configured, so the built-in demo model answers instead of ${model}.`
    : "This agent runs on the built-in demo model: answers are simulated from real tool results.";
}

/** The variables to set so that none of `models` is answered by the demo model, each once. */
export function missingModelKeys(models: string[]) {
  return [...new Set(models.flatMap((model) => answeringModel(model).missing ?? []))];
}
