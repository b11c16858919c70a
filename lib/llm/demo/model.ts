import type { LanguageModelV4, LanguageModelV4Content, LanguageModelV4ResponseMetadata } from "@ai-sdk/provider";
import { decide } from "./decide";
import { abortError } from "./pause";
import { usageOf, type Reply } from "./reply";
import { streamReply } from "./stream";

// Fast enough not to bore, slow enough to watch the answer arrive.
const DEFAULT_TOKEN_DELAY_MS = 15;

/**
 * The built-in offline model: it picks tools by matching the question against their names and
 * descriptions, fills their arguments from the question, and writes its answer from their results.
 * Deterministic: the same prompt always gets the same reply.
 */
export function createDemoModel(options: { tokenDelayMs?: number } = {}): LanguageModelV4 {
  const tokenDelayMs = Math.max(0, options.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS);
  return {
    specificationVersion: "v4",
    provider: "demo",
    modelId: "demo",
    supportedUrls: {},
    async doGenerate(call) {
      if (call.abortSignal?.aborted) throw abortError(call.abortSignal);
      const reply = decide(call);
      return {
        content: contentOf(reply),
        finishReason: reply.finishReason,
        usage: usageOf(reply),
        response: responseMetadata(),
        warnings: [],
      };
    },
    async doStream(call) {
      const stream = streamReply(decide(call), {
        tokenDelayMs,
        abortSignal: call.abortSignal,
        metadata: responseMetadata(),
      });
      return { stream };
    },
  };
}

function contentOf(reply: Reply): LanguageModelV4Content[] {
  return [
    ...(reply.reasoning ? [{ type: "reasoning" as const, text: reply.reasoning }] : []),
    ...(reply.text ? [{ type: "text" as const, text: reply.text }] : []),
    ...reply.toolCalls,
  ];
}

function responseMetadata(): LanguageModelV4ResponseMetadata {
  return { id: `demo-${crypto.randomUUID()}`, modelId: "demo", timestamp: new Date() };
}
