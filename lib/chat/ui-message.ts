import { readUIMessageStream } from "ai";
import type { SequencedEvent } from "@/lib/agent/events";
import type { ChatMessage } from "./message";
import { createUIEncoder, type ChatChunk } from "./ui-encoder";

/** Batches of run events as a stream of UI message chunks. */
export function toUIChunks(batches: AsyncIterable<SequencedEvent[]> | Iterable<SequencedEvent[]>): ReadableStream<ChatChunk> {
  const encode = createUIEncoder();
  return new ReadableStream<ChatChunk>({
    async start(controller) {
      for await (const events of batches) for (const event of events) for (const chunk of encode(event)) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The message the browser ends up showing for these events: what is stored as the answer's parts. */
export async function toUIMessage(events: SequencedEvent[]): Promise<ChatMessage | undefined> {
  let message: ChatMessage | undefined;
  for await (const snapshot of readUIMessageStream<ChatMessage>({ stream: toUIChunks([events]) })) message = snapshot;
  return message;
}
