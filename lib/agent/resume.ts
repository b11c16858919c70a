import type { ToolOutcome } from "@/lib/tools/types";
import type { AgentEvent } from "./events";
import { NO_JOURNAL, stepKey, type RunJournal } from "./journal";

/** What a run knows that neither its events nor its steps' outputs say. */
export type RunState = { thinking_ms: number; model: string };

type StateKeeper = { save(): RunState; restore(saved: RunState): void };

/**
 * A run executed again after its process died (lib/agent/journal.ts) replays its phases: a stored
 * step gives its output without running or sending anything, and the run goes on from the first
 * step not done. The events the phases send on their way there (start, phase_start, a tool call's
 * tool_start and tool_result, structured_data, phase_complete) an earlier attempt sent already and
 * the log has: each is known by its mark and sent once (`sent`). Text and thinking need no mark:
 * only a step that runs sends them, so they are never sent twice, but for a cut-off attempt's
 * partial output, which step_retry tells clients to drop.
 *
 * `journal` is the one the run's steps use. It stores each output with the run's state when the
 * step ended, and a stored step, replayed, hands its state back: so a resumed run counts the
 * thinking of its earlier attempts and answers with the model they had switched to. And a tool call
 * whose tool_result the log has is done, with that outcome, even if its process died before the
 * journal heard of it: the model is told what clients were shown, and the call is not made again.
 */
export function resumeFrom(events: readonly AgentEvent[], journal: RunJournal, state: StateKeeper) {
  const marks = new Set<string>();
  const ended = new Map<string, ToolOutcome>();
  const thought = new Set<string>();
  let phaseId = "";
  for (const event of events) {
    if (event.type === "phase_start") phaseId = event.phase_id;
    const mark = markOf(event, phaseId);
    if (mark) marks.add(mark);
    if (event.type === "thinking" && event.phase_id) thought.add(event.phase_id);
    if (event.type === "tool_result") {
      ended.set(
        stepKey.tool(phaseId, event.call_id),
        event.success ? { ok: true, value: event.result } : { ok: false, error: event.error ?? "" },
      );
    }
  }
  return {
    /** Whether the log has `event`, sent in the phase `phaseId`. */
    sent(event: AgentEvent, phaseId: string) {
      const mark = markOf(event, phaseId);
      return mark !== undefined && marks.has(mark);
    },
    /**
     * Whether the log has thinking of the phase `phaseId`. A phase with an output schema begins with
     * a thinking line of its own, before any of the model's: the log, a prefix of what was sent, has
     * that line if it has any thinking of the phase.
     */
    thoughtIn: (phaseId: string) => thought.has(phaseId),
    journal: journal === NO_JOURNAL ? journal : keepingState(journal, ended, state),
  };
}

/** What makes an event one of its kind in the run: a tool call's id is the model's, unique in its phase. */
function markOf(event: AgentEvent, phaseId: string): string | undefined {
  switch (event.type) {
    case "start":
      return "start";
    case "phase_start":
    case "phase_complete":
      return `${event.type}/${event.phase_id}`;
    case "structured_data":
      return `structured_data/${phaseId}/${event.schema}`;
    case "tool_start":
    case "tool_result":
      return `${event.type}/${phaseId}/${event.call_id}`;
    default:
      return undefined;
  }
}

function keepingState(journal: RunJournal, ended: ReadonlyMap<string, ToolOutcome>, state: StateKeeper): RunJournal {
  return {
    get(key) {
      const record = journal.get(key);
      if (record?.status === "done") {
        const { output, run } = record.output as { output: unknown; run: RunState };
        state.restore(run);
        return { ...record, output };
      }
      const outcome = ended.get(key);
      return outcome ? { status: "done", attempt: record?.attempt ?? 1, output: outcome } : record;
    },
    start: (key, kind) => journal.start(key, kind),
    finish: (key, output) => journal.finish(key, { output, run: state.save() }),
  };
}
