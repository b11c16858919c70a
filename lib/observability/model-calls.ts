import type { Span } from "@opentelemetry/api";
import type { Telemetry } from "ai";
import { ATTR } from "./attributes";
import { markFailed, tracer } from "./tracer";

/**
 * Model-call spans for every `streamText` / `generateText`, built from the AI SDK's telemetry hooks
 * (since v7 the SDK reports lifecycle events to integrations and makes no OpenTelemetry spans itself).
 * One `chat <model>` span per provider call, so a tool loop gives one per step; its parent is the span
 * active when the call starts, the phase. Not made active itself: tool calls are the phase's children.
 */
export function modelCallSpans(): Telemetry {
  // By generation (callId): a generation's steps call the model one after another.
  const open = new Map<string, Span>();
  const close = (callId: string, error?: unknown) => {
    const span = open.get(callId);
    if (!span) return;
    open.delete(callId);
    if (error !== undefined) markFailed(span, error);
    span.end();
  };
  return {
    onLanguageModelCallStart({ callId, provider, modelId }) {
      const attributes = { [ATTR.operation]: "chat", [ATTR.provider]: provider, [ATTR.model]: modelId };
      open.set(callId, tracer.startSpan(`chat ${modelId}`, { attributes }));
    },
    onLanguageModelCallEnd({ callId, modelId, finishReason, usage }) {
      open.get(callId)?.setAttributes({
        [ATTR.responseModel]: modelId,
        [ATTR.finishReasons]: [finishReason],
        [ATTR.inputTokens]: usage.inputTokens ?? 0,
        [ATTR.outputTokens]: usage.outputTokens ?? 0,
      });
      close(callId);
    },
    // A call still open at these points never finished: the provider failed, the stream broke off,
    // or the run was stopped.
    onStepError: ({ callId, error }) => close(callId, error),
    onStepEnd: ({ callId }) => close(callId, new Error("The model call ended without finishing.")),
    onAbort: ({ callId }) => close(callId, new Error("The model call was aborted.")),
    onError: (event) => {
      const { callId, error } = event as { callId?: string; error?: unknown };
      if (callId) close(callId, error);
    },
  };
}
