import { withFallback } from "@/lib/llm/fallback";
import { resolveModel, type ModelSettings, type ResolvedModel } from "@/lib/llm/providers";
import { resolveTools, type ToolSources } from "@/lib/tools/resolve";
import { coveredBy, phasesOf, type AgentConfig } from "./config";
import { messageOf } from "@/lib/tools/errors";
import { AgentError, classifyError } from "./errors";
import { NO_JOURNAL, type RunJournal } from "./journal";
import { UNOBSERVED, type AgentObserver } from "./observer";
import type { AgentEvent, ErrorCode, Usage } from "./events";
import { resolveParams } from "./params";
import type { CallSettings, FinishReason } from "./model-loop";
import { runPhase, type PhaseResult } from "./phase-runner";
import { conversation, type ConversationMessage } from "./prompt";
import { resumeFrom } from "./resume";
import { sumUsage } from "./usage";

type AgentDeps = {
  tools: ToolSources;
  models: ModelSettings;
  /** Replace the configured model and fallback model (tests inject them here). */
  model?: ResolvedModel;
  fallback?: ResolvedModel;
  /** Tracing and metrics; none when unset. */
  observer?: AgentObserver;
};

type RunInput = {
  runId: string;
  sessionId: string;
  userId: string;
  query: string;
  /** The conversation so far, oldest first (the stored session's last messages). */
  history: ConversationMessage[];
  params?: unknown;
  /** The caller's own instructions, added to every phase's system prompt. */
  instructions?: string;
  /** The caller's sampling settings, for every model call. */
  settings?: CallSettings;
  signal?: AbortSignal;
  /** Every event of the run, in order; the last is `done` or `error`. */
  emit: (event: AgentEvent) => void;
  /** The run's steps: with an earlier attempt's, the run goes on from them. None when unset. */
  journal?: RunJournal;
  /** A run executed again after its process died: the events the log has of it, in order. */
  resume?: { events: AgentEvent[] };
};

export type RunOutcome = {
  status: "succeeded" | "failed" | "cancelled" | "timed_out";
  model: string;
  text: string;
  outputs: Record<string, unknown>;
  usage: Usage;
  durationMs: number;
  error?: { code: ErrorCode; message: string; raw?: string };
  /** Why the last model call stopped; unset when none was made. */
  finishReason?: FinishReason;
};

const STATUS_OF: Partial<Record<ErrorCode, RunOutcome["status"]>> = { CANCELLED: "cancelled", TIMEOUT: "timed_out" };

/** The status a run ends with when it ends with `code`. */
export const failedStatus = (code: ErrorCode) => STATUS_OF[code] ?? "failed";

export type Agent = { config: AgentConfig; run: (input: RunInput) => Promise<RunOutcome> };

/** Wires an agent to its tools and model. `run` never throws: failures end in an `error` event. */
export function createAgent(config: AgentConfig, deps: AgentDeps): Agent {
  // Resolved on the first run, then shared by every run of the agent (a provider client is reusable).
  let models: Models | undefined;
  const resolve = () => (models ??= { primary: deps.model ?? resolveModel(config.model, deps.models), fallback: fallbackOf(config, deps) });
  return { config, run: (input) => runAgent(config, resolve(), deps, input) };
}

type Models = { primary: ResolvedModel; fallback?: ResolvedModel };

/** The agent's fallback model, when it has one that can answer: a fallback without its key would be the demo model. */
function fallbackOf(config: AgentConfig, deps: AgentDeps) {
  if (!config.fallback_model) return undefined;
  const fallback = deps.fallback ?? resolveModel(config.fallback_model, deps.models);
  return fallback.notice ? undefined : fallback;
}

async function runAgent(agent: AgentConfig, { primary, fallback }: Models, deps: AgentDeps, input: RunInput): Promise<RunOutcome> {
  const started = Date.now();
  // What the user has seen so far, kept even if the run fails half-way.
  const seen = { text: "", outputs: {} as Record<string, unknown> };
  // How long the model thought: from the first of each stretch of thinking to whatever follows it.
  const thinking = { ms: 0, since: undefined as number | undefined };
  const note = (event: AgentEvent) => {
    if (event.type === "thinking") thinking.since ??= Date.now();
    else if (thinking.since !== undefined) {
      thinking.ms += Date.now() - thinking.since;
      thinking.since = undefined;
    }
    if (event.type === "text") seen.text += event.content;
    if (event.type === "structured_data") seen.outputs[event.schema] = event.data;
  };
  let phaseId = "";
  // A resumed run sends nothing its log has already (resume.ts), but counts it as seen.
  const emit = (event: AgentEvent) => {
    note(event);
    if (!resumed.sent(event, phaseId)) input.emit(event);
  };
  // What answers: the primary, until it fails in a way worth another model's try (the demo model standing in has none).
  let active = primary;
  const switching =
    fallback && primary.id !== "demo"
      ? withFallback(primary, fallback, {
          answerWithinMs: agent.fallback_after_s * 1000,
          onSwitch: (reason) => {
            active = fallback;
            emit({ type: "thinking", content: `${primary.id} failed (${reason}); ${fallback.id} answers instead.` });
          },
        })
      : undefined;
  const model = switching ?? primary.model;
  const resumed = resumeFrom(input.resume?.events ?? [], input.journal ?? NO_JOURNAL, {
    save: () => ({ thinking_ms: thinking.ms + (thinking.since === undefined ? 0 : Date.now() - thinking.since), model: active.id }),
    restore: (saved) => {
      thinking.ms = Math.max(thinking.ms, saved.thinking_ms);
      if (switching && saved.model === fallback?.id) {
        active = fallback;
        switching.useFallback();
      }
    },
  });
  const { notice } = primary;
  const observer = deps.observer ?? UNOBSERVED;
  const signal = AbortSignal.any([input.signal ?? new AbortController().signal, AbortSignal.timeout(agent.timeout_s * 1000)]);
  const results: PhaseResult[] = [];

  emit({ type: "start", run_id: input.runId, session_id: input.sessionId, agent: agent.name, model: primary.id, notice });
  const outcome = (status: RunOutcome["status"], error?: RunOutcome["error"]): RunOutcome => ({
    status,
    model: active.id,
    text: seen.text.trim(),
    outputs: seen.outputs,
    usage: sumUsage(...results.map((r) => r.usage)),
    durationMs: Date.now() - started,
    error,
    finishReason: results.at(-1)?.finishReason,
  });

  try {
    const params = resolveParams(agent, input.params);
    if (!params.ok) throw new AgentError("INTERNAL", params.error);
    const messages = conversation(input.history, input.query);

    for (const phase of phasesOf(agent)) {
      phaseId = phase.id;
      const result = await observer.phase(phase.id, async () => {
        const resolved = await resolveTools(phase.tools ?? agent.tools, deps.tools).catch((error: unknown) => {
          throw new AgentError("TOOL_ERROR", `The agent's tools could not be loaded: ${messageOf(error)}`);
        });
        const tools = resolved.map((tool) => (coveredBy(tool.ref, agent.idempotent_tools) ? { ...tool, idempotent: true } : tool));
        return runPhase(phase, {
          agent,
          model,
          messages,
          params: params.params,
          instructions: input.instructions,
          settings: input.settings,
          structuredOutput: agent.structured_output === "auto" ? active.structuredOutput : agent.structured_output,
          prior: [...results],
          tools,
          signal,
          emit,
          recall: note,
          preparingSent: resumed.thoughtIn(phase.id),
          journal: resumed.journal,
          observer,
        });
      });
      results.push(result);
    }
    const done = outcome("succeeded");
    emit({
      type: "done",
      metadata: {
        duration_ms: done.durationMs,
        model: active.id,
        usage: done.usage,
        session_id: input.sessionId,
        run_id: input.runId,
        ...(thinking.ms > 0 && { thinking_ms: thinking.ms }),
        ...(done.finishReason && { finish_reason: done.finishReason }),
      },
    });
    return done;
  } catch (error) {
    const { code, message, raw } = classifyError(error, signal);
    const failed = outcome(failedStatus(code), { code, message, raw });
    emit({ type: "error", code, message, raw });
    return failed;
  }
}
