import "server-only";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { failedStatus, type RunOutcome } from "@/lib/agent/orchestrator";
import { NO_USAGE } from "@/lib/agent/usage";

type StepRetry = Extract<AgentEvent, { type: "step_retry" }>;

/**
 * The events of `shown` (a run's, in seq order, as far as read) still shown after `retry`, the
 * rule every door follows: a model call run again voids its cut-off attempt, every event after
 * `after_seq` (partial text and thinking, any tool call it had begun); a tool call made again voids
 * that call's progress. One lib/runs could not place (no `after_seq`) voids nothing.
 */
export function afterRetry<T extends SequencedEvent>(shown: readonly T[], retry: StepRetry): T[] {
  const { call_id, after_seq = Infinity } = retry;
  return shown.filter((event) =>
    call_id === undefined ? event.seq <= after_seq : !(event.type === "tool_progress" && event.call_id === call_id),
  );
}

/** A run's events as a client ends up showing them: without what each `step_retry` voids, nor the retries themselves. */
export function shownEvents(events: readonly SequencedEvent[]): SequencedEvent[] {
  let shown: SequencedEvent[] = [];
  for (const event of events) {
    if (event.type === "step_retry") shown = afterRetry(shown, event);
    else shown.push(event);
  }
  return shown;
}

/**
 * A run's outcome read from its events, as they pass: what a door answers with once the run has
 * ended, wherever it executed. The log is the truth, so a door needs no promise of the process that
 * ran it. A failed run's log has no `done`: its usage and duration are not told, only its error.
 * What a `step_retry` voids is not in it.
 */
export function outcomeReader() {
  let model = "";
  // The text and structured outputs read so far: kept as events, for a step_retry to take back by seq.
  let said: SequencedEvent[] = [];
  let outcome: RunOutcome | undefined;
  const end = (fields: Pick<RunOutcome, "status" | "usage" | "durationMs"> & Partial<RunOutcome>) => {
    const text = said.flatMap((event) => (event.type === "text" ? [event.content] : [])).join("");
    const outputs = Object.fromEntries(said.flatMap((event) => (event.type === "structured_data" ? [[event.schema, event.data]] : [])));
    outcome = { model, text: text.trim(), outputs, ...fields };
  };
  return {
    read(event: SequencedEvent) {
      if (event.type === "start") model = event.model;
      else if (event.type === "text" || event.type === "structured_data") said.push(event);
      else if (event.type === "step_retry") said = afterRetry(said, event);
      else if (event.type === "done") {
        const { metadata } = event;
        model = metadata.model;
        end({ status: "succeeded", usage: metadata.usage, durationMs: metadata.duration_ms, finishReason: metadata.finish_reason });
      } else if (event.type === "error") {
        const { code, message, raw } = event;
        end({ status: failedStatus(code), usage: NO_USAGE, durationMs: 0, error: { code, message, raw } });
      }
    },
    /** The outcome once the run's final event has been read; undefined before. */
    get outcome() {
      return outcome;
    },
  };
}
