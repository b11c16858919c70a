import "server-only";
import path from "node:path";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/log";
import type { Redis } from "ioredis";
import { builtinTools } from "@/lib/tools/builtin";
import { loadMcpConfig } from "@/lib/tools/mcp/config";
import { McpPool } from "@/lib/tools/mcp/pool";
import { redisToolLists } from "@/lib/tools/mcp/shared-tool-lists";
import { parseToolRef } from "@/lib/tools/refs";
import type { AgentConfig } from "@/lib/agent/config";
import { knownProviders, type ModelSettings } from "@/lib/llm/providers";
import { createAgent, type Agent } from "@/lib/agent/orchestrator";
import type { AgentObserver } from "@/lib/agent/observer";
import { loadAgents } from "@/lib/agent/registry";
import { startModelCallSpan } from "@/lib/observability/model-calls";
import { tracePhase } from "@/lib/observability/runs";
import { observeToolCall } from "@/lib/observability/tools";

// Phases, model calls and tool calls as spans (and tool calls as metrics too).
const OBSERVED: AgentObserver = {
  phase: tracePhase,
  modelCall: startModelCallSpan,
  toolCall: (ref, callId, run) => observeToolCall(ref, parseToolRef(ref).server, callId, run),
};

/** The agents this process serves, wired to their tools and models. */
export type AgentSet = {
  agents: ReadonlyMap<string, Agent>;
  /** Agent files and mcp.json entries that did not load: the file, and a message naming the field. */
  errors: { file: string; message: string }[];
  mcp: McpPool;
};

/** `mcp:<server>/<tool>` references whose server answers but has no such tool. */
async function missingMcpTools(agent: AgentConfig, pool: McpPool) {
  const problems: string[] = [];
  for (const [i, ref] of agent.tools.entries()) {
    const { server, tool } = parseToolRef(ref);
    if (!server || tool === "*") continue;
    const tools = await pool.listTools(server).catch(() => undefined);
    // An unreachable server may come up later; only a definite "no such tool" disqualifies the agent.
    if (tools && !tools.some((t) => t.name === tool)) problems.push(`tools.${i}: the MCP server has no tool "${tool}"`);
  }
  return problems;
}

/**
 * Loads mcp.json and every agent, checks their tool references (MCP ones against the live servers),
 * and wires each agent to the shared MCP pool and the configured model provider.
 */
export async function loadAgentSet(env: Env, redis?: Redis): Promise<AgentSet> {
  const mcpConfig = await loadMcpConfig(env.MCP_CONFIG);
  const mcp = new McpPool(mcpConfig.servers, {
    connectTimeoutMs: env.MCP_CONNECT_TIMEOUT_MS,
    callTimeoutMs: env.MCP_CALL_TIMEOUT_MS,
    toolsTtlMs: env.MCP_TOOLS_TTL_S * 1000,
    serverless: env.VERCEL,
    shared: redis && redisToolLists(redis),
  });
  const loaded = await loadAgents(env.AGENTS_DIR, {
    builtins: new Set(builtinTools.keys()),
    mcpServers: new Set(Object.keys(mcpConfig.servers)),
    providers: new Set(knownProviders(modelSettings(env))),
  });
  const errors = [...mcpConfig.errors, ...loaded.errors];

  const agents = new Map<string, Agent>();
  for (const config of loaded.agents.values()) {
    const problems = await missingMcpTools(config, mcp);
    if (problems.length > 0) {
      errors.push({ file: path.join(env.AGENTS_DIR, `${config.name}.json`), message: problems.join("; ") });
      continue;
    }
    // RUN_TIMEOUT_CAP_S bounds every agent, whatever its file says.
    const capped = { ...config, timeout_s: Math.min(config.timeout_s, env.RUN_TIMEOUT_CAP_S) };
    agents.set(
      config.name,
      createAgent(capped, {
        tools: { builtins: builtinTools, mcp },
        models: modelSettings(env),
        observer: OBSERVED,
      }),
    );
  }
  for (const { file, message } of errors) logger.error({ file }, `agent config: ${message}`);
  return { agents, errors, mcp };
}

/** How models are reached: the provider's key and address, the demo model's pace. */
export function modelSettings(env: Env): ModelSettings {
  return {
    openaiApiKey: env.OPENAI_API_KEY,
    openaiBaseUrl: env.OPENAI_BASE_URL,
    openaiStructuredOutput: env.OPENAI_STRUCTURED_OUTPUT,
    openaiApi: env.OPENAI_API,
    anthropicApiKey: env.ANTHROPIC_API_KEY,
    anthropicBaseUrl: env.ANTHROPIC_BASE_URL,
    googleApiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
    googleBaseUrl: env.GOOGLE_GENERATIVE_AI_BASE_URL,
    endpoints: env.endpoints,
    demoTokenDelayMs: env.DEMO_TOKEN_DELAY_MS,
  };
}
