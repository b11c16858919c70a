import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "@/lib/agent/events";
import { encodeSseEvent } from "@/lib/http/sse";
import { parseSse, sseParser, type SseEvent } from "./sse";

// The tests' SSE reader must read what any spec-following client reads, not what our encoder happens
// to write: otherwise a wire-format mistake passes both sides unnoticed.
describe("the tests' SSE reader", () => {
  it("reads back what the encoder writes, text with newlines and separators included", () => {
    const events: SequencedEvent[] = [
      { type: "text", content: "two\nlines\r\nand \u2028 a separator", seq: 1 },
      { type: "error", code: "INTERNAL", message: "x", seq: 2 },
    ];
    const wire = ": stream open\n\n" + events.map(encodeSseEvent).join("") + ": ping\n\n";
    expect(parseSse(wire)).toEqual(events.map(({ type, seq, ...data }) => ({ id: seq, event: type, data })));
  });

  it("reads every form the spec allows: CRLF, no space after the colon, a retry field, chunks split anywhere", () => {
    const wire = 'retry: 1000\r\nid:7\r\nevent:text\r\ndata:{"content":"hi"}\r\n\r\nid: 8\nevent: done\ndata: {}\n\n';
    const expected: SseEvent[] = [
      { id: 7, event: "text", data: { content: "hi" } },
      { id: 8, event: "done", data: {} },
    ];
    expect(parseSse(wire)).toEqual(expected);
    const received: SseEvent[] = [];
    const feed = sseParser((event) => received.push(event));
    for (const char of wire) feed(char);
    expect(received).toEqual(expected);
  });

  it("does not take two events run together (no blank line between them) for the first", () => {
    expect(() => parseSse("id: 1\nevent: text\ndata: {}\nid: 2\nevent: done\ndata: {}\n\n")).toThrow();
  });

  it("refuses a field the spec does not know", () => {
    expect(() => parseSse("id: 1\nevent: text\ndta: {}\n\n")).toThrow();
  });
});
