import { stepCountIs, streamText, type LanguageModel, type ModelMessage } from "ai";
import { toAiTools } from "@/lib/tools/executor";
import type { RuntimeTool } from "@/lib/tools/types";
import type { AgentConfig, PhaseConfig } from "./config";
import { AgentError } from "./errors";
import type { Emit, Usage } from "./events";
import { phaseSystemPrompt, type PriorPhase } from "./prompt";
import { structuredOutput } from "./structured-output";
import { NO_USAGE, sumUsage, usageOf } from "./usage";

export type PhaseRun = {
  agent: AgentConfig;
  model: LanguageModel;
  messages: ModelMessage[];
  params: Record<string, unknown>;
  prior: PriorPhase[];
  tools: RuntimeTool[];
  signal: AbortSignal;
  emit: Emit;
};

export type PhaseResult = PriorPhase & { usage: Usage };

const SUMMARY_LENGTH = 200;

/**
 * One phase: the AI SDK tool loop, bounded by max_iterations, streamed out as events. A phase with
 * an output schema keeps its text to itself and ends with `structured_data` instead.
 */
export async function runPhase(phase: PhaseConfig, run: PhaseRun): Promise<PhaseResult> {
  const { agent, model, messages, signal } = run;
  const phaseId = phase.id;
  const started = performance.now();
  const toolResults: PriorPhase["toolResults"] = [];
  const emit: Emit = (event) => {
    if (event.type === "tool_result" && event.success) toolResults.push({ tool: event.tool, result: event.result });
    run.emit(event);
  };
  emit({ type: "phase_start", phase_id: phaseId, description: phase.description });
  if (phase.output) emit({ type: "thinking", content: `Preparing ${phase.output.name}…`, phase_id: phaseId });

  const system = phaseSystemPrompt(agent, phase, run.params, run.prior);
  const result = streamText({
    model,
    system,
    messages,
    tools: toAiTools(run.tools, { emit, signal, phaseId }),
    stopWhen: stepCountIs(phase.max_iterations ?? agent.max_iterations),
    abortSignal: signal,
    maxRetries: 1,
    // Errors arrive as stream parts below and end the run with an event; no console noise.
    onError: () => {},
  });

  let text = "";
  let lastStepText = "";
  let usage = NO_USAGE;
  for await (const part of result.fullStream) {
    switch (part.type) {
      case "start-step":
        lastStepText = "";
        break;
      case "reasoning-delta":
        if (part.text) emit({ type: "thinking", content: part.text, phase_id: phaseId });
        break;
      case "text-delta":
        text += part.text;
        lastStepText += part.text;
        if (!phase.output && part.text) emit({ type: "text", content: part.text, phase_id: phaseId });
        break;
      case "finish":
        usage = sumUsage(usage, usageOf(part.totalUsage));
        break;
      case "error":
        throw part.error;
      case "abort":
        throw signal.aborted ? signal.reason : new AgentError("CANCELLED", "The model call was aborted.");
    }
  }

  let output: PriorPhase["output"];
  if (phase.output) {
    const parsed = await structuredOutput(lastStepText || text, phase.output, { model, system, messages, signal });
    usage = sumUsage(usage, parsed.usage);
    output = { name: phase.output.name, data: parsed.data };
    emit({ type: "structured_data", schema: output.name, data: output.data, phase_id: phaseId });
  }

  const summary = output ? `${output.name} ready` : text.trim().slice(0, SUMMARY_LENGTH) || undefined;
  emit({ type: "phase_complete", phase_id: phaseId, summary, duration_ms: Math.round(performance.now() - started) });
  return { phaseId, description: phase.description, text, output, toolResults, usage };
}
