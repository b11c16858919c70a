import { renderOutputInstructions, renderParams, renderToolResult } from "@/lib/llm/prompt-blocks";
import type { AgentConfig, PhaseConfig } from "./config";

export type PriorPhase = {
  phaseId: string;
  description: string;
  text: string;
  output?: { name: string; data: unknown };
  /** Successful tool results, passed on verbatim. */
  toolResults: { tool: string; result: unknown }[];
};

/**
 * The system prompt of one phase: the agent's, the phase's, the caller's own instructions (an
 * OpenAI client's system messages), its params, what earlier phases found.
 */
export function phaseSystemPrompt(
  agent: AgentConfig,
  phase: PhaseConfig,
  params: Record<string, unknown>,
  prior: PriorPhase[],
  instructions?: string,
) {
  const sections = [agent.system_prompt, phase.system_prompt];
  if (instructions) sections.push(`Instructions from the caller:\n${instructions}`);
  if (agent.phases.length > 1) sections.push(`Current phase: ${phase.id} — ${phase.description}.`);
  if (Object.keys(params).length > 0) sections.push(renderParams(params));
  for (const result of prior) {
    const lines = [`Result of the earlier phase "${result.phaseId}" (${result.description}):`, result.text];
    if (result.output) lines.push(`${result.output.name}: ${JSON.stringify(result.output.data)}`);
    lines.push(...result.toolResults.map(({ tool, result: value }) => renderToolResult(tool, value)));
    sections.push(lines.filter(Boolean).join("\n"));
  }
  if (phase.output) sections.push(renderOutputInstructions(phase.output.name, phase.output.schema));
  return sections.filter(Boolean).join("\n\n");
}

/** An earlier message of the conversation, as stored. */
export type ConversationMessage = { role: "user" | "assistant" | "system"; text: string };

/** A message as the model gets it: the conversation is text (tool calls stay inside a run). */
export type TextMessage = { role: "user"; content: string } | { role: "assistant"; content: string };

/** Stored conversation + the new question, as model messages. */
export function conversation(history: ConversationMessage[], query: string): TextMessage[] {
  const previous = history.flatMap((message): TextMessage[] =>
    message.role === "system" || !message.text ? [] : [{ role: message.role, content: message.text }],
  );
  return [...previous, { role: "user", content: query }];
}
