import { describe, expect, it } from "vitest";
import { timelineOf } from "./timeline";

const start = new Date("2026-11-29T10:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("timelineOf", () => {
  it("places events at their offset from the run's start and merges runs of chunks", () => {
    const timeline = timelineOf(
      [
        { seq: 1, type: "start", data: { run_id: "r" }, createdAt: at(0) },
        { seq: 2, type: "thinking", data: { content: "Look", phase_id: "a" }, createdAt: at(5) },
        { seq: 3, type: "thinking", data: { content: "ing up", phase_id: "a" }, createdAt: at(6) },
        { seq: 4, type: "thinking", data: { content: "Writing", phase_id: "b" }, createdAt: at(7) },
        { seq: 5, type: "tool_start", data: { tool: "calculator" }, createdAt: at(40) },
        { seq: 6, type: "text", data: { content: "Hel" }, createdAt: at(90) },
        { seq: 7, type: "text", data: { content: "lo" }, createdAt: at(95) },
        { seq: 8, type: "done", data: {}, createdAt: at(1200) },
      ],
      start,
    );
    expect(timeline.map(({ seq, lastSeq, type, offsetMs, count }) => [seq, lastSeq, type, offsetMs, count])).toEqual([
      [1, 1, "start", 0, 1],
      [2, 3, "thinking", 5, 2],
      [4, 4, "thinking", 7, 1],
      [5, 5, "tool_start", 40, 1],
      [6, 7, "text", 90, 2],
      [8, 8, "done", 1200, 1],
    ]);
    expect(timeline[1]!.data.content).toBe("Looking up");
    expect(timeline[4]!.data.content).toBe("Hello");
  });

  it("does not merge text chunks across another event", () => {
    const timeline = timelineOf(
      [
        { seq: 1, type: "text", data: { content: "a" }, createdAt: at(1) },
        { seq: 2, type: "tool_start", data: {}, createdAt: at(2) },
        { seq: 3, type: "text", data: { content: "b" }, createdAt: at(3) },
      ],
      start,
    );
    expect(timeline.map((entry) => entry.type)).toEqual(["text", "tool_start", "text"]);
  });
});
