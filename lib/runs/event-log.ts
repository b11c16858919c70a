import "server-only";
import type { SequencedEvent } from "@/lib/agent/events";
import { eventPool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { cancelLocally, STORAGE_FAILED } from "./active-runs";
import { getBus } from "./bus";
import { insertEvents } from "./event-store";
import { createEventWriter, deliveryHooks, type EventWriter } from "./event-writer";
import { deliver } from "./live";

const log = logger.child({ component: "event-log" });

/** Hands stored events to other instances; a bus outage only slows them to the log's pace. */
function publishStored(runId: string, events: SequencedEvent[]) {
  getBus()
    .publish(runId, { type: "events", events })
    .catch((error: unknown) => log.warn({ err: error, runId }, "publishing run events failed"));
}

const globalForLog = globalThis as { agentStudioEventWriter?: EventWriter };

/**
 * This process's one event writer: followers here get each batch as it is handed to storage,
 * other instances once it is stored; a run whose events cannot be stored is stopped.
 */
export function getEventWriter(): EventWriter {
  globalForLog.agentStudioEventWriter ??= createEventWriter({
    insert: (rows) => insertEvents(eventPool, rows),
    ...deliveryHooks(deliver, publishStored),
    onRunFailed: (runId, error) => {
      log.error({ err: error, runId }, "storing run events failed; stopping the run");
      cancelLocally(runId, STORAGE_FAILED);
    },
    flushMs: env.STREAM_FLUSH_MS,
    maxBatch: env.DB_BATCH_ROWS,
    retryForMs: env.EVENT_STORE_RETRY_S * 1000,
    ping: () => eventPool.query("SELECT 1"),
  });
  return globalForLog.agentStudioEventWriter;
}
