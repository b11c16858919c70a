import { describe, expect, it } from "vitest";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { mcpNotes } from "./progress";

const run = (events: AgentEvent[]) => events.map((event, i) => ({ ...event, seq: i + 1 }) as SequencedEvent);

describe("MCP notes of a run resumed after its process died", () => {
  it("say in the thinking log that a model call starts again; a tool call's retry moves no progress", () => {
    const notes = mcpNotes(1)(
      run([
        { type: "phase_start", phase_id: "answer", description: "Answering" },
        { type: "thinking", content: "Let me", phase_id: "answer" },
        { type: "step_retry", step: "answer/model/0", attempt: 2, after_seq: 1 },
        { type: "thinking", content: "Let me see", phase_id: "answer" },
        { type: "tool_start", call_id: "c1", tool: "lookup", arguments: {} },
        { type: "step_retry", step: "answer/tool/c1", attempt: 2, call_id: "c1", after_seq: 4 },
        { type: "phase_complete", phase_id: "answer" },
      ]),
    );
    expect(notes).toEqual([
      { type: "thinking", text: "Let me" },
      { type: "thinking", text: expect.stringContaining("starts this step again") },
      { type: "thinking", text: "Let me see" },
      { type: "progress", progress: 0.5, total: 1, message: "Answering: calling lookup" },
      { type: "progress", progress: 1, total: 1, message: "Answering: done (1/1)" },
    ]);
  });
});
