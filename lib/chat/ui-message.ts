import { readUIMessageStream } from "ai";
import type { SequencedEvent } from "@/lib/agent/events";
import { shownEvents } from "@/lib/runs/outcome";
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

/**
 * Consecutive text (or thinking) deltas as one event: the encoder puts them in one part either way,
 * and the AI SDK copies the whole message for every chunk it folds in, so a long answer would cost
 * quadratic time at the end of every run.
 */
function mergeDeltas(events: SequencedEvent[]) {
  const merged: SequencedEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if ((event.type === "text" || event.type === "thinking") && last?.type === event.type && last.phase_id === event.phase_id) {
      merged[merged.length - 1] = { ...last, content: last.content + event.content };
    } else {
      merged.push(event);
    }
  }
  return merged;
}

/**
 * The message the browser ends up showing for these events: how a stored answer is shown again.
 * What a step_retry voids is left out before deltas merge, as a voided attempt's text may continue
 * a part begun before it; the stream gets there by starting the message again (ui-encoder.ts).
 */
export async function toUIMessage(events: SequencedEvent[]): Promise<ChatMessage | undefined> {
  let message: ChatMessage | undefined;
  const stream = toUIChunks([mergeDeltas(shownEvents(events))]);
  for await (const snapshot of readUIMessageStream<ChatMessage>({ stream })) message = snapshot;
  return message;
}
