import { toUIMessage } from "@/lib/chat/ui-message";
import { resolveModel, type ModelSettings, type ResolvedModel } from "@/lib/llm/providers";
import { tracePhase } from "@/lib/observability/runs";
import { resolveTools, type ToolSources } from "@/lib/tools/resolve";
import { phasesOf, type AgentConfig } from "./config";
import { AgentError, classifyError } from "./errors";
import { sequenced, type AgentEvent, type ErrorCode, type SequencedEvent, type Usage } from "./events";
import type { Memory } from "./memory/types";
import { resolveParams } from "./params";
import { runPhase, type PhaseResult } from "./phase-runner";
import { conversation } from "./prompt";
import { sumUsage } from "./usage";

export type AgentDeps = {
  memory: Memory;
  tools: ToolSources;
  models: ModelSettings;
  /** Replaces the configured model (tests inject one here). */
  model?: ResolvedModel;
};

export type RunInput = {
  runId: string;
  sessionId: string;
  userId: string;
  query: string;
  params?: unknown;
  signal?: AbortSignal;
  emit: (event: SequencedEvent) => void;
};

export type RunOutcome = {
  status: "succeeded" | "failed" | "cancelled" | "timed_out";
  model: string;
  text: string;
  outputs: Record<string, unknown>;
  usage: Usage;
  durationMs: number;
  error?: { code: ErrorCode; message: string; raw?: string };
};

const STATUS_OF: Partial<Record<ErrorCode, RunOutcome["status"]>> = { CANCELLED: "cancelled", TIMEOUT: "timed_out" };

export type Agent = { config: AgentConfig; run: (input: RunInput) => Promise<RunOutcome> };

/** Wires an agent to its memory, tools and model. `run` never throws: failures end in an `error` event. */
export function createAgent(config: AgentConfig, deps: AgentDeps): Agent {
  return { config, run: (input) => runAgent(config, deps, input) };
}

async function runAgent(agent: AgentConfig, deps: AgentDeps, input: RunInput): Promise<RunOutcome> {
  const started = Date.now();
  // What the user has seen so far, kept even if the run fails half-way.
  const seen = { text: "", outputs: {} as Record<string, unknown>, events: [] as SequencedEvent[] };
  const emit = sequenced((event) => {
    seen.events.push(event);
    if (event.type === "text") seen.text += event.content;
    if (event.type === "structured_data") seen.outputs[event.schema] = event.data;
    input.emit(event);
  });
  const { model, id: modelId, notice } = deps.model ?? resolveModel(agent.model, deps.models);
  const signal = AbortSignal.any([input.signal ?? new AbortController().signal, AbortSignal.timeout(agent.timeout_s * 1000)]);
  const { memory } = deps;
  const ttl = agent.memory.ttl_minutes;
  const results: PhaseResult[] = [];

  emit({ type: "start", run_id: input.runId, session_id: input.sessionId, agent: agent.name, model: modelId, notice });
  const outcome = (status: RunOutcome["status"], error?: RunOutcome["error"]): RunOutcome => ({
    status,
    model: modelId,
    text: seen.text.trim(),
    outputs: seen.outputs,
    usage: sumUsage(...results.map((r) => r.usage)),
    durationMs: Date.now() - started,
    error,
  });

  try {
    const params = resolveParams(agent, input.params);
    if (!params.ok) throw new AgentError("INTERNAL", params.error);
    await memory.ensureSession({ id: input.sessionId, userId: input.userId, agent: agent.name, title: input.query.slice(0, 80), ttlMinutes: ttl });
    const history = await memory.getMessages(input.sessionId, agent.memory.max_messages);
    await memory.addMessage(input.sessionId, { role: "user", text: input.query, runId: input.runId }, ttl);
    const messages = conversation(history, input.query);

    for (const phase of phasesOf(agent)) {
      const result = await tracePhase(phase.id, async () => {
        const tools = await resolveTools(phase.tools ?? agent.tools, deps.tools);
        return runPhase(phase, { agent, model, messages, params: params.params, prior: [...results], tools, signal, emit });
      });
      results.push(result);
    }
    const done = outcome("succeeded");
    const finish: AgentEvent = {
      type: "done",
      metadata: { duration_ms: done.durationMs, model: modelId, usage: done.usage, session_id: input.sessionId, run_id: input.runId },
    };
    await saveAnswer(memory, input, done, [...seen.events, { ...finish, seq: 0 }], ttl);
    emit(finish);
    return done;
  } catch (error) {
    const { code, message, raw } = classifyError(error, signal);
    const failed = outcome(STATUS_OF[code] ?? "failed", { code, message, raw });
    const failure: AgentEvent = { type: "error", code, message, raw };
    // What the user already saw stays in the conversation, even when the run did not finish.
    await saveAnswer(memory, input, failed, [...seen.events, { ...failure, seq: 0 }], ttl).catch(() => {});
    emit(failure);
    return failed;
  }
}

/** The answer as the browser showed it: UI message parts rebuilt from the run's events. */
async function saveAnswer(memory: Memory, input: RunInput, outcome: RunOutcome, events: SequencedEvent[], ttl: number) {
  const parts = (await toUIMessage(events))?.parts ?? [];
  if (!outcome.text && !parts.some((part) => part.type !== "step-start")) return;
  await memory.addMessage(input.sessionId, { role: "assistant", text: outcome.text, parts, runId: input.runId }, ttl);
}
