import type { SequencedEvent } from "@/lib/agent/events";

/** What a running agent tells an MCP client: progress (when it asked for it) and the model's thinking, as a log message. */
export type McpNote = { type: "progress"; progress: number; total: number; message: string } | { type: "thinking"; text: string };

const RESTARTED = "(A server restart cut the model off: it starts this step again.)";

/**
 * The run's events as MCP notifications (the MCP door's one encoding). Progress counts the phases
 * done out of all of them; the k-th tool call within a phase puts it k/(k+1) of the way to the
 * phase's end, so it always increases, as MCP requires, however many calls a phase makes.
 * Thinking arrives a few tokens at a time: a batch's thinking is one log message. A model call run
 * again after a restart (step_retry) is said in the same log, as its thinking already sent cannot be
 * taken back; the result is read from the run's outcome, which has nothing of the cut-off attempt.
 */
export function mcpNotes(phases: number) {
  let done = 0;
  let calls = 0;
  let phase = "";
  return (batch: SequencedEvent[]) => {
    const notes: McpNote[] = [];
    let thinking = "";
    const note = (next: McpNote) => {
      if (thinking) notes.push({ type: "thinking", text: thinking });
      thinking = "";
      notes.push(next);
    };
    for (const event of batch) {
      if (event.type === "thinking") thinking += event.content;
      else if (event.type === "phase_start") phase = event.description;
      else if (event.type === "tool_start") {
        calls += 1;
        note({ type: "progress", progress: done + calls / (calls + 1), total: phases, message: `${phase}: calling ${event.tool}` });
      } else if (event.type === "step_retry" && event.call_id === undefined) {
        note({ type: "thinking", text: RESTARTED });
      } else if (event.type === "phase_complete") {
        done += 1;
        calls = 0;
        note({ type: "progress", progress: done, total: phases, message: `${phase}: done (${done}/${phases})` });
      }
    }
    if (thinking) notes.push({ type: "thinking", text: thinking });
    return notes;
  };
}
