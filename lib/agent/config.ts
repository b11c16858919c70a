import { z } from "zod";
import { mcpToolRef, parseToolRef, TOOL_REF_FORMAT } from "@/lib/tools/refs";

/** An agent as declared in `agents/<name>.json` (docs/ARCHITECTURE.md §7). */

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes");

/** A built-in tool name, `mcp:<server>/<tool>` or `mcp:<server>/*`. */
const toolRefSchema = z.string().regex(TOOL_REF_FORMAT, "must be a built-in tool name or mcp:<server>/<tool|*>");

const paramSchema = z
  .object({
    type: z.enum(["string", "number", "integer", "boolean"]),
    description: z.string().optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
  })
  .strict();

const outputSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be an identifier such as CountryReport"),
    schema: z
      .record(z.string(), z.unknown())
      .refine((s) => typeof s.type === "string", "must be a JSON Schema with a type")
      .superRefine((schema, ctx) => {
        // Checked here so a schema the validator cannot use fails at load, not in every run.
        try {
          z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { registry: z.registry() });
        } catch (error) {
          ctx.addIssue({ code: "custom", message: `unsupported JSON Schema: ${(error as Error).message}` });
        }
      }),
  })
  .strict();

const modelSpec = z.string().regex(/^(demo|[a-z][a-z0-9-]*:\S+)$/, 'must be "demo" or "<provider>:<model>", e.g. "openai:gpt-4o-mini"');

/** Sampling settings for the agent's model calls (a phase's override the agent's); provider options pass through as the provider takes them. */
const modelSettingsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    max_output_tokens: z.number().int().min(1).max(1_000_000).optional(),
    // e.g. { "openai": { "reasoningEffort": "low" } }, { "anthropic": { "thinking": { "type": "enabled", "budgetTokens": 2048 } } }
    provider_options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .strict();

const phaseSchema = z
  .object({
    id: slug,
    description: z.string().min(1),
    system_prompt: z.string().optional(),
    tools: z.array(toolRefSchema).optional(),
    max_iterations: z.number().int().min(1).max(100).optional(),
    output: outputSchema.optional(),
    model_settings: modelSettingsSchema.optional(),
  })
  .strict();

export const agentConfigSchema = z
  .object({
    name: slug,
    description: z.string().min(1),
    // Shown beside the agent's name and its chats; an emoji or a short mark (the name's initial if unset).
    icon: z.string().trim().min(1).max(8).optional(),
    model: modelSpec,
    // Answers instead when the model fails in a way its provider calls retryable (rate limit, 5xx), for the rest of the run.
    fallback_model: modelSpec.optional(),
    // …or when it has not begun to answer a call within this long (with a fallback_model only).
    fallback_after_s: z.number().min(1).max(600).default(60),
    model_settings: modelSettingsSchema.optional(),
    // How an output schema is asked for: the provider's own structured output ("native"), the
    // prompt and a parse ("prompt"), or whichever the model's provider is known to support ("auto").
    structured_output: z.enum(["auto", "native", "prompt"]).default("auto"),
    system_prompt: z.string().default(""),
    tools: z.array(toolRefSchema).default([]),
    // Tools (refs among `tools`; `mcp:<server>/*` for all of a server's) whose call may be made again
    // when a crash cut it off, as calling them twice does no harm. Built-in tools that only read, and
    // MCP tools annotated readOnlyHint or idempotentHint, are so already; any other call a crash cut
    // off is not repeated: the model is told it was interrupted.
    idempotent_tools: z.array(toolRefSchema).default([]),
    phases: z.array(phaseSchema).default([]),
    memory: z
      .object({
        max_messages: z.number().int().min(1).max(1000).default(20),
        ttl_minutes: z.number().int().min(1).default(1440),
      })
      .strict()
      .default({ max_messages: 20, ttl_minutes: 1440 }),
    max_iterations: z.number().int().min(1).max(100).default(20),
    timeout_s: z.number().int().min(1).max(3600).default(300),
    params: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case"), paramSchema).default({}),
  })
  .strict()
  .superRefine((agent, ctx) => {
    const amongTools = (refs: string[], path: (string | number)[]) =>
      refs.forEach((ref, j) => {
        if (!coveredBy(ref, agent.tools))
          ctx.addIssue({ code: "custom", path: [...path, j], message: `"${ref}" is not among the agent's tools` });
      });
    const ids = new Set<string>();
    agent.phases.forEach((phase, i) => {
      if (ids.has(phase.id)) ctx.addIssue({ code: "custom", path: ["phases", i, "id"], message: `duplicate phase id "${phase.id}"` });
      ids.add(phase.id);
      amongTools(phase.tools ?? [], ["phases", i, "tools"]);
    });
    amongTools(agent.idempotent_tools, ["idempotent_tools"]);
    for (const [name, param] of Object.entries(agent.params)) {
      if (param.default !== undefined && param.enum && !param.enum.includes(param.default as string | number)) {
        ctx.addIssue({ code: "custom", path: ["params", name, "default"], message: "must be one of enum" });
      }
    }
  });

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type PhaseConfig = AgentConfig["phases"][number];
export type ModelSettingsConfig = z.infer<typeof modelSettingsSchema>;

/** Whether `ref` is one of `refs`, or a tool of a server that `refs` includes whole (`mcp:<server>/*`). */
export function coveredBy(ref: string, refs: readonly string[]) {
  if (refs.includes(ref)) return true;
  const { server } = parseToolRef(ref);
  return server !== undefined && refs.includes(mcpToolRef(server, "*"));
}

/**
 * The phases to run. An agent without phases runs one implicit phase with its own tools, so the
 * runtime has a single path.
 */
export function phasesOf(agent: AgentConfig): PhaseConfig[] {
  if (agent.phases.length > 0) return agent.phases;
  return [{ id: "answer", description: "Answering", tools: agent.tools }];
}

/** The phase whose result is the run's answer: the last; its output, when it has one, is the answer. */
export const answerPhaseOf = (agent: AgentConfig) => phasesOf(agent).at(-1)!;

/** What clients may see of an agent: no prompts' secrets, no MCP commands or env. */
export function publicAgentConfig(agent: AgentConfig) {
  return {
    name: agent.name,
    description: agent.description,
    icon: agent.icon,
    model: agent.model,
    tools: agent.tools,
    phases: agent.phases.map(({ id, description, tools, output }) => ({
      id,
      description,
      tools: tools ?? agent.tools,
      output: output && { name: output.name, schema: output.schema },
    })),
    memory: agent.memory,
    max_iterations: agent.max_iterations,
    timeout_s: agent.timeout_s,
    params: agent.params,
  };
}
export type PublicAgentConfig = ReturnType<typeof publicAgentConfig>;
