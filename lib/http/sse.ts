import type { SequencedEvent } from "@/lib/agent/events";
import { AppError } from "@/lib/errors";

const PING_MS = 15_000;
const encoder = new TextEncoder();

/** The wire format (docs/ARCHITECTURE.md §3): `id:` is the seq, `event:` the type, `data:` the rest as one JSON line. */
export function encodeSseEvent({ type, seq, ...data }: SequencedEvent) {
  return `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Streams batches of events as Server-Sent Events, one write per batch, with a `: ping` comment
 * every 15 s. A client that goes away ends the iteration (and the subscription behind it), never
 * the run.
 */
export function sseResponse(batches: AsyncGenerator<SequencedEvent[]>, headers: Record<string, string> = {}) {
  return eventStreamResponse(batches, encodeBatch, headers);
}

function encodeBatch(batch: SequencedEvent[]) {
  let text = "";
  for (const event of batch) text += encodeSseEvent(event);
  return text;
}

/** A `text/event-stream` response: each item of `items` written as `encode` makes it, pinged while idle. */
export function eventStreamResponse<T>(items: AsyncGenerator<T>, encode: (item: T) => string, headers: Record<string, string> = {}) {
  let ping: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(": stream open\n\n"));
      ping = setInterval(() => controller.enqueue(encoder.encode(": ping\n\n")), PING_MS);
    },
    async pull(controller) {
      let next: IteratorResult<T>;
      try {
        next = await items.next();
      } catch (error) {
        // The connection breaks (the client reconnects with Last-Event-ID); the ping must not outlive it.
        clearInterval(ping);
        throw error;
      }
      if (next.done) {
        clearInterval(ping);
        controller.close();
      } else {
        controller.enqueue(encoder.encode(encode(next.value)));
      }
    },
    async cancel() {
      clearInterval(ping);
      await items.return(undefined);
    },
  });
  // No Connection header: HTTP/1.1 keeps the connection by default, and a `keep-alive` answer to a
  // client's `Connection: close` had it reuse a socket the server was closing (its next request: 400).
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      ...headers,
    },
  });
}

// A seq is a Postgres integer: anything larger was never an id of ours.
const MAX_SEQ = 2 ** 31 - 1;

/** The seq to resume after: the Last-Event-ID header (EventSource sends it on reconnect) or ?after=. */
export function resumeAfter(request: Request) {
  const value = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  if (value === null || value.trim() === "") return 0;
  const seq = /^\s*\d{1,10}\s*$/.test(value) ? Number(value) : NaN;
  if (!(seq <= MAX_SEQ))
    throw new AppError("invalid_body", `Last-Event-ID / after: must be an event id, a whole number from 0 to ${MAX_SEQ}.`);
  return seq;
}
