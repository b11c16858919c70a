import { createParser, type EventSourceMessage } from "eventsource-parser";

/** One Server-Sent Event as the API sends it (DESIGN §4): `id` is the seq, `data` one JSON document. */
export type SseEvent = { id: number; event: string; data: Record<string, unknown> };

// Read by a parser that follows the spec (eventsource-parser), not one written on the encoder's own
// assumptions, so a mistake in the wire format shows in the tests.
const asEvent = ({ id, event, data }: EventSourceMessage): SseEvent => ({
  id: Number(id),
  event: event ?? "message",
  data: JSON.parse(data),
});

/**
 * Reads an SSE stream fed chunk by chunk (split anywhere), handing on each event as it completes;
 * comments such as `: ping` are none. A field the spec does not know throws.
 */
export function sseParser(onEvent: (event: SseEvent) => void) {
  const parser = createParser({
    onEvent: (message) => onEvent(asEvent(message)),
    onError: (error) => {
      throw error;
    },
  });
  return (chunk: string) => parser.feed(chunk);
}

/** A whole SSE body → its events. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  sseParser((event) => events.push(event))(text);
  return events;
}
