import type { JSONSchema7, LanguageModelV4 } from "@ai-sdk/provider";
import type { RuntimeTool } from "@/lib/tools/types";
import type { AgentConfig, PhaseConfig } from "./config";
import type { Emit, Usage } from "./events";
import { journaled, stepKey, type RunJournal } from "./journal";
import { runModelLoop, type CallSettings, type FinishReason } from "./model-loop";
import type { AgentObserver } from "./observer";
import { phaseSystemPrompt, type PriorPhase, type TextMessage } from "./prompt";
import { structuredOutput } from "./structured-output";
import { callSettingsOf, mergeSettings } from "./settings";
import { createToolRunner } from "./tool-runner";
import { sumUsage } from "./usage";

type PhaseRun = {
  agent: AgentConfig;
  model: LanguageModelV4;
  messages: TextMessage[];
  params: Record<string, unknown>;
  /** What the run's caller adds to the agent's instructions. */
  instructions?: string;
  /** The run caller's settings, over the agent's and the phase's. */
  settings?: CallSettings;
  /** Whether an output schema goes to the provider as its structured output, or only in the prompt. */
  structuredOutput: "native" | "prompt";
  prior: PriorPhase[];
  tools: RuntimeTool[];
  signal: AbortSignal;
  emit: Emit;
  /** Counts an event an earlier attempt of the run sent already (a stored model call's text), without sending it again. */
  recall: Emit;
  /** An earlier attempt of the run sent this phase's "Preparing …" line. */
  preparingSent: boolean;
  journal: RunJournal;
  observer: AgentObserver;
};

export type PhaseResult = PriorPhase & { usage: Usage; finishReason: FinishReason };

const SUMMARY_LENGTH = 200;

/**
 * One phase: the model's tool loop, bounded by max_iterations, streamed out as events. A phase with
 * an output schema keeps its text to itself and ends with `structured_data` instead.
 */
export async function runPhase(phase: PhaseConfig, run: PhaseRun): Promise<PhaseResult> {
  const { agent, model, messages, signal, emit, journal } = run;
  const phaseId = phase.id;
  const started = performance.now();
  emit({ type: "phase_start", phase_id: phaseId, description: phase.description });
  // Asked here, not by the run's emit as phase_start is: nothing in the line itself tells it from the model's thinking.
  if (phase.output && !run.preparingSent) emit({ type: "thinking", content: `Preparing ${phase.output.name}…`, phase_id: phaseId });

  const system = phaseSystemPrompt(agent, phase, run.params, run.prior, run.instructions);
  const settings = mergeSettings(callSettingsOf(agent.model_settings), callSettingsOf(phase.model_settings), run.settings);
  const native = phase.output && run.structuredOutput === "native";
  const loop = await runModelLoop({
    model,
    phaseId,
    journal,
    system,
    messages,
    tools: run.tools,
    maxSteps: phase.max_iterations ?? agent.max_iterations,
    signal,
    settings,
    responseFormat: native ? { type: "json", schema: phase.output!.schema as JSONSchema7, name: phase.output!.name } : undefined,
    observer: run.observer,
    callTool: createToolRunner(run.tools, { emit, signal, phaseId, observer: run.observer, journal }),
    onPart: (part) => {
      if (part.type === "retry") emit({ type: "step_retry", step: part.step, attempt: part.attempt });
      if (part.type === "reasoning") emit({ type: "thinking", content: part.text, phase_id: phaseId });
      // A phase with an output schema keeps its text to itself: its result is the structured data.
      if (part.type === "text" && !phase.output)
        (part.replayed ? run.recall : emit)({ type: "text", content: part.text, phase_id: phaseId });
    },
  });
  const { text, lastStepText, finishReason } = loop;
  let usage = loop.usage;

  let output: PriorPhase["output"];
  const schema = phase.output;
  if (schema) {
    const step = stepKey.output(phaseId);
    const { output: parsed } = await journaled(journal, step, "output", (attempt) => {
      if (attempt > 1) emit({ type: "step_retry", step, attempt });
      return structuredOutput(lastStepText || text, schema, { model, system, messages, signal, settings });
    });
    usage = sumUsage(usage, parsed.usage);
    output = { name: schema.name, data: parsed.data };
    emit({ type: "structured_data", schema: output.name, data: output.data, phase_id: phaseId });
  }

  // In the order the model asked for them, not the order they ended: later phases are told the
  // same whether the calls ran in this attempt of the run or came from the journal.
  const refOf = new Map(run.tools.map((tool) => [tool.name, tool.ref]));
  const toolResults = loop.toolCalls.flatMap(({ call, outcome }) =>
    outcome.ok ? [{ tool: refOf.get(call.toolName)!, result: outcome.value }] : [],
  );

  const summary = output ? `${output.name} ready` : text.trim().slice(0, SUMMARY_LENGTH) || undefined;
  emit({ type: "phase_complete", phase_id: phaseId, summary, duration_ms: Math.round(performance.now() - started) });
  return { phaseId, description: phase.description, text, output, toolResults, usage, finishReason };
}
