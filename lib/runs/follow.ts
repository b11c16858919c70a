import { isTerminal, type SequencedEvent } from "@/lib/agent/events";
import type { ActiveRuns } from "./active-runs";
import type { Bus } from "./bus";
import { readLog, type Queryable } from "./event-store";
import type { Channels, RunChannel } from "./live";

// With the bus quiet this long, the log is read directly: covers a lost message or a bus outage.
const POLL_MS = 2_000;

type Follow = {
  db: Queryable;
  bus: Bus;
  /** Where runs executing in this process are followed. */
  channels: Pick<Channels, "find">;
  /** Counts this follower while it follows. */
  followers: Pick<ActiveRuns, "trackFollower">;
  runId: string;
  afterSeq: number;
  signal: AbortSignal;
  /** How long the bus may stay quiet before the log is read; a test sets it out of reach. */
  pollMs?: number;
};

/**
 * A run's events after `afterSeq`, in batches (what arrived together goes out in one write): the
 * run's channel when it executes in this process, otherwise the stored log and then the bus. Ends
 * after `done` or `error`, or when `signal` aborts.
 */
export async function* followRun(follow: Follow): AsyncGenerator<SequencedEvent[]> {
  const release = follow.followers.trackFollower();
  try {
    const channel = follow.channels.find(follow.runId);
    const last = channel ? yield* followChannel(channel, follow) : follow.afterSeq;
    // A run that ended here between two batches (or never ran here) is read from the log.
    if (last !== undefined) yield* followLog({ ...follow, afterSeq: last });
  } finally {
    release();
  }
}

/** Follows a local run; returns the last seq seen if the channel closed before its final event. */
async function* followChannel(channel: RunChannel, { afterSeq, signal }: Follow): AsyncGenerator<SequencedEvent[], number | undefined> {
  const queue: SequencedEvent[][] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const stop = channel.listen({
    events: (events) => {
      queue.push(events);
      wake?.();
    },
    closed: () => {
      closed = true;
      wake?.();
    },
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  let last = afterSeq;
  try {
    let batch = channel.events.slice(afterSeq);
    while (!signal.aborted) {
      if (batch.length > 0) {
        last = batch.at(-1)!.seq;
        yield batch;
        if (isTerminal(batch.at(-1)!)) return undefined;
      }
      if (queue.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (queue.length === 0 && closed) return last;
      batch = queue.length === 1 ? queue.pop()! : queue.splice(0).flat();
    }
    return undefined;
  } finally {
    signal.removeEventListener("abort", onAbort);
    stop();
  }
}

/**
 * The stored events, then live ones from the bus, with no gap or duplicate at the hand-over.
 * Subscribes before reading the log, and the bus carries events only after they are stored, so
 * every event is in one or the other; `seq` removes the overlap.
 */
async function* followLog({ db, bus, runId, afterSeq, signal, pollMs = POLL_MS }: Follow): AsyncGenerator<SequencedEvent[]> {
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
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      clearTimeout(timer);
      wake = undefined;
    });
  };
  try {
    let { events: batch, over } = await readLog(db, runId, last);
    let fromLog = true;
    while (!signal.aborted) {
      let gap = false;
      const fresh: SequencedEvent[] = [];
      for (const event of batch) {
        if (event.seq <= last) continue;
        // Live events must follow on exactly; the log is the truth, even across a lost batch.
        if (!fromLog && event.seq !== last + 1) {
          gap = true;
          break;
        }
        last = event.seq;
        fresh.push(event);
        if (isTerminal(event)) break;
      }
      if (fresh.length > 0) {
        yield fresh;
        if (isTerminal(fresh.at(-1)!)) return;
      }
      // Over, and the log read with it had nothing more: asked for what comes after its end.
      if (fromLog && over) return;
      if (!gap && live.length === 0) await waitForBus();
      const received = live.splice(0);
      fromLog = gap || received.length === 0;
      if (fromLog) ({ events: batch, over } = await readLog(db, runId, last));
      else batch = received;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await unsubscribe();
  }
}
