import "server-only";
import { env } from "@/lib/env";
import { requireAgent } from "@/lib/runs/service";

/** What the chat page shows of an agent, with the notice when the demo model stands in. */
export async function agentView(name: string) {
  const { config } = await requireAgent(name);
  const demo = config.model === "demo" || !env.OPENAI_API_KEY;
  const notice = demo
    ? config.model === "demo"
      ? "This agent runs on the built-in demo model: answers are simulated from real tool results."
      : `No OPENAI_API_KEY is configured, so the built-in demo model answers instead of ${config.model}.`
    : undefined;
  const phases = config.phases.map((phase) => ({ phase_id: phase.id, description: phase.description }));
  return { agent: { name: config.name, icon: config.icon, description: config.description, phases }, params: config.params, notice };
}
