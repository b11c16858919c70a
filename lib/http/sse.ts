import type { SequencedEvent } from "@/lib/agent/events";

const PING_MS = 15_000;
const encoder = new TextEncoder();

/** DESIGN §4 wire format: `id:` is the seq, `event:` the type, `data:` the rest as one JSON line. */
export function encodeSseEvent({ type, seq, ...data }: SequencedEvent) {
  return `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Streams batches of events as Server-Sent Events, one write per batch, with a `: ping` comment
 * every 15 s. A client that goes away ends the iteration (and the subscription behind it), never
 * the run.
 */
export function sseResponse(batches: AsyncGenerator<SequencedEvent[]>, headers: Record<string, string> = {}) {
  let ping: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(": stream open\n\n"));
      ping = setInterval(() => controller.enqueue(encoder.encode(": ping\n\n")), PING_MS);
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        clearInterval(ping);
        controller.close();
      } else {
        let text = "";
        for (const event of next.value) text += encodeSseEvent(event);
        controller.enqueue(encoder.encode(text));
      }
    },
    async cancel() {
      clearInterval(ping);
      await batches.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
      ...headers,
    },
  });
}

/** The seq to resume after: the Last-Event-ID header (EventSource sends it on reconnect) or ?after=. */
export function resumeAfter(request: Request) {
  const value = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const seq = Number(value);
  return Number.isInteger(seq) && seq >= 0 ? seq : 0;
}
