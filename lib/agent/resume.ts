import type { AgentEvent } from "./events";
import { NO_JOURNAL, type RunJournal } from "./journal";

/**
 * A run executed again after its process died (lib/agent/journal.ts) replays its phases: a stored
 * step gives its output without running or sending anything, and the run goes on from the first
 * step not done. The events the phases send on their way there (start, phase_start, a tool call's
 * tool_start and tool_result, structured_data, phase_complete) an earlier attempt sent already and
 * the log has: each is known by its mark and sent once. Text and thinking need no mark: only a step
 * that runs sends them, so they are never sent twice, but for a cut-off attempt's partial output,
 * which step_retry tells clients to drop.
 */
export function sentBefore(events: readonly AgentEvent[]) {
  const marks = new Set<string>();
  let phaseId = "";
  for (const event of events) {
    if (event.type === "phase_start") phaseId = event.phase_id;
    const mark = markOf(event, phaseId);
    if (mark) marks.add(mark);
  }
  return {
    /** Whether the log has `event`, sent in the phase `phaseId`. */
    has(event: AgentEvent, phaseId: string) {
      const mark = markOf(event, phaseId);
      return mark !== undefined && marks.has(mark);
    },
    phaseBegun: (phaseId: string) => marks.has(`phase_start/${phaseId}`),
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

/** What a run knows that neither its events nor its steps' outputs say. */
export type RunState = { thinking_ms: number; model: string };

/**
 * The journal as the run's steps use it: each output stored with the run's state when the step
 * ended, and a stored step, replayed, hands its state back. So a resumed run counts the thinking of
 * its earlier attempts and answers with the model they had switched to.
 */
export function keepingState(journal: RunJournal, state: { save(): RunState; restore(saved: RunState): void }): RunJournal {
  if (journal === NO_JOURNAL) return journal;
  return {
    get(key) {
      const record = journal.get(key);
      if (record?.status !== "done") return record;
      const { output, run } = record.output as { output: unknown; run: RunState };
      state.restore(run);
      return { ...record, output };
    },
    start: (key, kind) => journal.start(key, kind),
    finish: (key, output) => journal.finish(key, { output, run: state.save() }),
  };
}
