import type { LanguageModelV4FinishReason, LanguageModelV4ToolCall, LanguageModelV4Usage } from "@ai-sdk/provider";
import { countWords } from "./words";

/** Everything the demo model says in one call, before it is streamed or returned whole. */
export type Reply = {
  reasoning: string;
  text: string;
  toolCalls: LanguageModelV4ToolCall[];
  finishReason: LanguageModelV4FinishReason;
  inputTokens: number;
};

/** Tokens are words: the prompt's words in, the reasoning, text and tool inputs out. */
export function usageOf(reply: Reply): LanguageModelV4Usage {
  const reasoning = countWords(reply.reasoning);
  const text = countWords(reply.text) + reply.toolCalls.reduce((sum, call) => sum + countWords(call.input), 0);
  return {
    inputTokens: { total: reply.inputTokens, noCache: reply.inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: reasoning + text, text, reasoning },
  };
}
