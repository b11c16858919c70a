import { jsonSchema, tool, type ToolSet } from "ai";
import type { Emit } from "@/lib/agent/events";
import { observeToolCall } from "@/lib/observability/tools";
import type { RuntimeTool } from "./types";

export type ToolRunContext = { emit: Emit; signal: AbortSignal; phaseId?: string };

export function errorMessage(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/** Settles when `promise` does, or rejects as soon as `signal` aborts (for tools that ignore it). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
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
    const message = signal.aborted ? "The run was stopped during this call." : errorMessage(error);
    emit({ type: "tool_result", call_id: callId, tool: runtimeTool.ref, result: null, success: false, error: message, duration_ms: durationMs() });
    throw signal.aborted ? signal.reason : new Error(message);
  }
}

/** AI SDK tools for the model, each reporting its calls through `context.emit`. */
export function toAiTools(tools: readonly RuntimeTool[], context: ToolRunContext): ToolSet {
  return Object.fromEntries(
    tools.map((runtimeTool) => [
      runtimeTool.name,
      tool({
        description: runtimeTool.description,
        inputSchema: jsonSchema<Record<string, unknown>>(runtimeTool.inputSchema),
        execute: (input, { toolCallId }) => observeToolCall(runtimeTool.ref, toolCallId, () => executeReported(runtimeTool, input, toolCallId, context)),
      }),
    ]),
  );
}
