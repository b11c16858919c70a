import { isTerminal, type AgentEvent, type SequencedEvent } from "@/lib/agent/events";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { Bus } from "./bus";

export type EventLogOptions = { flushMs?: number; maxBatch?: number; onError?: (error: unknown) => void };

/**
 * A run's events, appended in batches so a token stream costs one INSERT per batch, and published
 * on the bus only once stored: whatever a follower receives live, a replay can also find.
 */
export function createEventLog(runId: string, db: PrismaClient, bus: Bus, options: EventLogOptions = {}) {
  const { flushMs = 25, maxBatch = 200, onError = () => {} } = options;
  // Each event keeps the time it happened, not its batch's: the admin timeline shows offsets.
  let pending: { event: SequencedEvent; at: Date }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  async function write(batch: { event: SequencedEvent; at: Date }[]) {
    try {
      await db.runEvent.createMany({
        data: batch.map(({ event: { type, seq, ...data }, at }) => ({ runId, seq, type, data: data as object, createdAt: at })),
      });
    } catch (error) {
      // Live followers still get the events; the replay of this batch is lost, and logged.
      onError(error);
    }
    await bus.publish(runId, { type: "events", events: batch.map(({ event }) => event) }).catch(onError);
  }

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) chain = chain.then(() => write(batch));
    return chain;
  }

  return {
    append(event: SequencedEvent) {
      pending.push({ event, at: new Date() });
      // The first event goes out at once: it is what a waiting client sees first.
      if (pending.length >= maxBatch || isTerminal(event) || event.seq === 1) void flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    /** Resolves when everything appended so far is stored and published. */
    flush,
  };
}

/** Stored events of a run after `afterSeq`, in order. */
export async function readEvents(db: PrismaClient, runId: string, afterSeq = 0): Promise<SequencedEvent[]> {
  const rows = await db.runEvent.findMany({ where: { runId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" } });
  return rows.map((row) => ({ ...(row.data as object), type: row.type, seq: row.seq }) as SequencedEvent);
}

/** Appends a final event to a run nobody is executing any more (cleanup after a crash). */
export async function appendFinalEvent(db: PrismaClient, bus: Bus, runId: string, event: AgentEvent) {
  const last = await db.runEvent.findFirst({ where: { runId }, orderBy: { seq: "desc" }, select: { seq: true } });
  const log = createEventLog(runId, db, bus);
  log.append({ ...event, seq: (last?.seq ?? 0) + 1 });
  await log.flush();
}
