import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { convertArrayToReadableStream } from "ai/test";

/** Building blocks for the AI SDK's MockLanguageModelV4: one step = one scripted model call. */

export const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

export const finish = (reason: "stop" | "tool-calls"): LanguageModelV4StreamPart => ({
  type: "finish",
  usage,
  finishReason: { unified: reason, raw: reason },
});

/** Text streamed word by word. */
export const text = (content: string): LanguageModelV4StreamPart[] => [
  { type: "text-start", id: "t" },
  ...content.split(/(?<= )/).map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "t", delta })),
  { type: "text-end", id: "t" },
];

export const toolCall = (toolName: string, input: object, toolCallId = "call-1"): LanguageModelV4StreamPart[] => [
  { type: "tool-call", toolCallId, toolName, input: JSON.stringify(input) },
];

export const step = (...parts: LanguageModelV4StreamPart[][]) => ({ stream: convertArrayToReadableStream(parts.flat()) });
