import type { LanguageModelV4ResponseMetadata, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { pause } from "./pause";
import { usageOf, type Reply } from "./reply";

type StreamOptions = { tokenDelayMs: number; abortSignal?: AbortSignal; metadata: LanguageModelV4ResponseMetadata };

/** Streams a reply the way a real model would: word by word, paced, stoppable. */
export function streamReply(reply: Reply, options: StreamOptions): ReadableStream<LanguageModelV4StreamPart> {
  const parts = partsOf(reply, options.metadata);
  return new ReadableStream({
    async pull(controller) {
      const next = parts.next();
      if (next.done) return controller.close();
      try {
        await pause(isChunk(next.value) ? options.tokenDelayMs : 0, options.abortSignal);
        controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

function* partsOf(reply: Reply, metadata: LanguageModelV4ResponseMetadata): Generator<LanguageModelV4StreamPart> {
  yield { type: "stream-start", warnings: [] };
  yield { type: "response-metadata", ...metadata };
  if (reply.reasoning) {
    yield { type: "reasoning-start", id: "reasoning-0" };
    for (const delta of chunks(reply.reasoning)) yield { type: "reasoning-delta", id: "reasoning-0", delta };
    yield { type: "reasoning-end", id: "reasoning-0" };
  }
  if (reply.text) {
    yield { type: "text-start", id: "text-0" };
    for (const delta of chunks(reply.text)) yield { type: "text-delta", id: "text-0", delta };
    yield { type: "text-end", id: "text-0" };
  }
  yield* reply.toolCalls;
  yield { type: "finish", usage: usageOf(reply), finishReason: reply.finishReason };
}

/** Word-sized pieces that keep their whitespace, so they concatenate back to the text. */
export function chunks(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

function isChunk(part: LanguageModelV4StreamPart) {
  return part.type === "reasoning-delta" || part.type === "text-delta" || part.type === "tool-call";
}
