import { messageOf } from "@/lib/tools/errors";
import type { RuntimeTool, ToolCall, ToolOutcome } from "@/lib/tools/types";
import type { Emit } from "./events";
import { journaled, stepKey, type RunJournal } from "./journal";
import type { AgentObserver } from "./observer";

type ToolRunContext = { emit: Emit; signal: AbortSignal; phaseId: string; observer: AgentObserver; journal: RunJournal };

/** What the model is told of a call a crash cut off, and that may not be made twice. */
export const INTERRUPTED_CALL =
  "This call was cut off when the process running it stopped, and was not made again because it may already have taken effect. Check whether it did before calling it again.";

/** Settles when `promise` does, or rejects as soon as `signal` aborts (for tools that ignore it). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Even when stopped already: the tool's promise is still handled below, so its failure is no unhandled rejection.
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Runs one call and reports it as events: `tool_start`, any `tool_progress`, then `tool_result`
 * with success or the error. A failed tool is an answer for the model (it sees the message and may
 * recover); a cancelled run is not, and stops the loop.
 */
async function executeReported(runtimeTool: RuntimeTool, input: Record<string, unknown>, callId: string, context: ToolRunContext) {
  const { emit, signal, phaseId } = context;
  emit({ type: "tool_start", call_id: callId, tool: runtimeTool.ref, arguments: input, phase_id: phaseId });
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    const result = await abortable(
      runtimeTool.execute(input, {
        signal,
        onProgress: (progress) => emit({ type: "tool_progress", call_id: callId, ...progress }),
      }),
      signal,
    );
    emit({ type: "tool_result", call_id: callId, tool: runtimeTool.ref, result, success: true, duration_ms: durationMs() });
    return result;
  } catch (error) {
    const message = signal.aborted ? "The run was stopped during this call." : messageOf(error);
    emit({
      type: "tool_result",
      call_id: callId,
      tool: runtimeTool.ref,
      result: null,
      success: false,
      error: message,
      duration_ms: durationMs(),
    });
    throw signal.aborted ? signal.reason : new Error(message);
  }
}

/**
 * A call not made: one the model got wrong (no such tool, arguments that are not an object) or one a
 * crash cut off that may not be repeated. Reported as failed, and the model told why.
 */
function reportNotMade({ toolCallId, toolName, input }: ToolCall, error: string, { emit, phaseId }: ToolRunContext): ToolOutcome {
  emit({ type: "tool_start", call_id: toolCallId, tool: toolName, arguments: input, phase_id: phaseId });
  emit({ type: "tool_result", call_id: toolCallId, tool: toolName, result: null, success: false, error, duration_ms: 0 });
  return { ok: false, error };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

async function execute(
  runtimeTool: RuntimeTool,
  input: Record<string, unknown>,
  callId: string,
  context: ToolRunContext,
): Promise<ToolOutcome> {
  try {
    return {
      ok: true,
      value: await context.observer.toolCall(runtimeTool.ref, callId, () => executeReported(runtimeTool, input, callId, context)),
    };
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason;
    return { ok: false, error: messageOf(error) };
  }
}

/**
 * Runs the model's tool calls against `tools`, each reported through `context.emit` and kept in the
 * journal by its call id: a call done before a crash gives its stored outcome. One a crash cut off
 * runs again only if the tool is idempotent, so no effect is ever silently doubled; otherwise the
 * model is told. A failed call is an outcome for the model; only a stopped run rejects.
 */
export function createToolRunner(tools: readonly RuntimeTool[], context: ToolRunContext) {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return async (call: ToolCall): Promise<ToolOutcome> => {
    const runtimeTool = byName.get(call.toolName);
    if (!runtimeTool) return reportNotMade(call, `There is no tool named "${call.toolName}".`, context);
    if (!isObject(call.input)) return reportNotMade(call, "The arguments must be a JSON object.", context);
    const input = call.input;
    const step = stepKey.tool(context.phaseId, call.toolCallId);
    const { output } = await journaled(context.journal, step, "tool", async (attempt) => {
      if (attempt === 1) return execute(runtimeTool, input, call.toolCallId, context);
      if (!runtimeTool.idempotent) return reportNotMade({ ...call, toolName: runtimeTool.ref }, INTERRUPTED_CALL, context);
      context.emit({ type: "step_retry", step, attempt, call_id: call.toolCallId });
      return execute(runtimeTool, input, call.toolCallId, context);
    });
    return output;
  };
}
