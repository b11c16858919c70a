import "server-only";
import type { AgentEvent } from "@/lib/agent/events";
import { failedStatus, type RunOutcome } from "@/lib/agent/orchestrator";
import { NO_USAGE } from "@/lib/agent/usage";

/**
 * A run's outcome read from its events, as they pass: what a door answers with once the run has
 * ended, wherever it executed. The log is the truth, so a door needs no promise of the process that
 * ran it. A failed run's log has no `done`: its usage and duration are not told, only its error.
 */
export function outcomeReader() {
  let model = "";
  let text = "";
  const outputs: Record<string, unknown> = {};
  let outcome: RunOutcome | undefined;
  const end = (fields: Pick<RunOutcome, "status" | "usage" | "durationMs"> & Partial<RunOutcome>) =>
    (outcome = { model, text: text.trim(), outputs, ...fields });
  return {
    read(event: AgentEvent) {
      if (event.type === "start") model = event.model;
      else if (event.type === "text") text += event.content;
      else if (event.type === "structured_data") outputs[event.schema] = event.data;
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
