import type { Span } from "@opentelemetry/api";
import type { Telemetry } from "ai";
import { ATTR } from "./attributes";
import { markFailed, tracer } from "./tracer";

type CallEnd = { responseModel?: string; finishReason: string; usage: { input_tokens: number; output_tokens: number } };

/**
 * One `chat <model>` span per provider call; its parent is the span active when the call starts,
 * the phase. Not made active itself: tool calls are the phase's children.
 */
export function startModelCallSpan(provider: string, modelId: string) {
  const span: Span = tracer.startSpan(`chat ${modelId}`, {
    attributes: { [ATTR.operation]: "chat", [ATTR.provider]: provider, [ATTR.model]: modelId },
  });
  return {
    end({ responseModel, finishReason, usage }: CallEnd) {
      span.setAttributes({
        [ATTR.responseModel]: responseModel ?? modelId,
        [ATTR.finishReasons]: [finishReason],
        [ATTR.inputTokens]: usage.input_tokens,
        [ATTR.outputTokens]: usage.output_tokens,
      });
      span.end();
    },
    fail(error: unknown) {
      markFailed(span, error);
      span.end();
    },
  };
}

type ModelCallSpan = ReturnType<typeof startModelCallSpan>;

/**
 * The same spans for the AI SDK's own calls (`generateText`, as the structured-output repair
 * uses), built from its telemetry hooks: since v7 the SDK reports lifecycle events to integrations
 * and makes no OpenTelemetry spans itself. The runtime's tool loop opens its spans itself.
 */
export function modelCallSpans(): Telemetry {
  // By generation (callId): a generation's steps call the model one after another.
  const open = new Map<string, ModelCallSpan>();
  const take = (callId: string) => {
    const span = open.get(callId);
    open.delete(callId);
    return span;
  };
  const fail = (callId: string, error: unknown) => take(callId)?.fail(error);
  return {
    onLanguageModelCallStart({ callId, provider, modelId }) {
      open.set(callId, startModelCallSpan(provider, modelId));
    },
    onLanguageModelCallEnd({ callId, modelId, finishReason, usage }) {
      take(callId)?.end({
        responseModel: modelId,
        finishReason,
        usage: { input_tokens: usage.inputTokens ?? 0, output_tokens: usage.outputTokens ?? 0 },
      });
    },
    // A call still open at these points never finished: the provider failed, the stream broke off,
    // or the run was stopped.
    onStepError: ({ callId, error }) => fail(callId, error),
    onStepEnd: ({ callId }) => fail(callId, new Error("The model call ended without finishing.")),
    onAbort: ({ callId }) => fail(callId, new Error("The model call was aborted.")),
    onError: (event) => {
      const { callId, error } = event as { callId?: string; error?: unknown };
      if (callId) fail(callId, error);
    },
  };
}
