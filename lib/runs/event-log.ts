import "server-only";
import type { SequencedEvent } from "@/lib/agent/events";
import type { Pools } from "@/lib/db/pool";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/log";
import { STORAGE_FAILED, type ActiveRuns } from "./active-runs";
import type { Bus } from "./bus";
import { insertEvents } from "./event-store";
import { createEventWriter, deliveryHooks } from "./event-writer";
import type { Channels } from "./live";

const log = logger.child({ component: "event-log" });

type EventLogParts = { env: Env; db: Pools; bus: Bus; channels: Channels; active: ActiveRuns };

/**
 * The process's one event writer: followers here get each batch as it is handed to storage,
 * other instances once it is stored; a run whose events cannot be stored is stopped.
 */
export function createEventLog({ env, db, bus, channels, active }: EventLogParts) {
  // Hands stored events to other instances; a bus outage only slows them to the log's pace.
  const publishStored = (runId: string, events: SequencedEvent[]) => {
    bus
      .publish(runId, { type: "events", events })
      .catch((error: unknown) => log.warn({ err: error, runId }, "publishing run events failed"));
  };
  return createEventWriter({
    insert: (rows) => insertEvents(db.eventPool, rows),
    ...deliveryHooks(channels.deliver, publishStored),
    onRunFailed: (runId, error) => {
      log.error({ err: error, runId }, "storing run events failed; stopping the run");
      active.cancelLocally(runId, STORAGE_FAILED);
    },
    flushMs: env.STREAM_FLUSH_MS,
    maxBatch: env.DB_BATCH_ROWS,
    retryForMs: env.EVENT_STORE_RETRY_S * 1000,
    ping: () => db.eventPool.query("SELECT 1"),
  });
}
