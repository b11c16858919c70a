import type { MockLanguageModelV4 } from "ai/test";
import type { AgentConfig } from "@/lib/agent/config";
import type { AgentEvent } from "@/lib/agent/events";
import { createAgent, type Agent } from "@/lib/agent/orchestrator";
import { builtinTools } from "@/lib/tools/builtin";
import type { McpPool } from "@/lib/tools/mcp/pool";
import type { RuntimeTool } from "@/lib/tools/types";

type Options = Partial<Pick<Parameters<Agent["run"]>[0], "query" | "history" | "signal" | "journal" | "resume">> & {
  mcp: McpPool;
  /** The built-in tools there are; the shipped ones when unset. */
  builtins?: ReadonlyMap<string, RuntimeTool>;
  onEvent?: (event: AgentEvent) => void;
};

/** An agent's run on a scripted model, with the events it emitted (ids `run-1`, `session-1`, `user-1`). */
export async function runScripted(
  config: AgentConfig,
  model: MockLanguageModelV4,
  { mcp, builtins = builtinTools, onEvent, ...input }: Options,
) {
  const agent = createAgent(config, {
    tools: { builtins, mcp },
    models: {},
    model: { model, id: "mock", structuredOutput: "prompt" },
  });
  const events: AgentEvent[] = [];
  const outcome = await agent.run({
    runId: "run-1",
    sessionId: "session-1",
    userId: "user-1",
    query: "Tell me about Spain",
    history: [],
    ...input,
    emit: (event) => {
      events.push(event);
      onEvent?.(event);
    },
  });
  return { outcome, events };
}
