import { isTerminal, type SequencedEvent } from "@/lib/agent/events";
import type { PrismaClient } from "@/lib/db/generated/client";
import { trackFollower } from "./active-runs";
import type { Bus } from "./bus";
import { readEvents } from "./event-log";

// With the bus quiet this long, the log is read directly: covers a lost message or a bus outage.
const POLL_MS = 2_000;

/**
 * A run's events after `afterSeq`: first the stored ones, then live ones from the bus, with no gap
 * or duplicate at the hand-over. Subscribes before reading the log, and events are published only
 * after they are stored, so every event is in one or the other; `seq` removes the overlap.
 * Ends after `done` or `error`, or when `signal` aborts.
 */
export async function* followRun(db: PrismaClient, bus: Bus, runId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<SequencedEvent> {
  const release = trackFollower();
  const live: SequencedEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = await bus.subscribe(runId, (message) => {
    if (message.type !== "events") return;
    live.push(...message.events);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  let last = afterSeq;
  const waitForBus = () => {
    let timer: NodeJS.Timeout | undefined;
    return new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, POLL_MS);
    }).finally(() => {
      clearTimeout(timer);
      wake = undefined;
    });
  };
  try {
    let batch = await readEvents(db, runId, last);
    let fromLog = true;
    while (!signal.aborted) {
      let gap = false;
      for (const event of batch) {
        if (event.seq <= last) continue;
        // Live events must follow on exactly; the log is the truth, even across a lost batch.
        if (!fromLog && event.seq !== last + 1) {
          gap = true;
          break;
        }
        last = event.seq;
        yield event;
        if (isTerminal(event)) return;
      }
      if (!gap && live.length === 0) await waitForBus();
      const fresh = live.splice(0);
      fromLog = gap || fresh.length === 0;
      batch = fromLog ? await readEvents(db, runId, last) : fresh;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await unsubscribe();
    release();
  }
}
