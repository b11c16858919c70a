import type { SequencedEvent } from "@/lib/agent/events";
import { isTransientDbError } from "@/lib/db/errors";
import type { RunEnd, StoredEvent } from "./event-store";

export type EventWriterOptions = {
  /** Stores rows of any number of runs in one statement. */
  insert: (rows: StoredEvent[]) => Promise<void>;
  /** A batch taken for storing: followers in this process may have it now (but for final events). */
  onHandOff?: (rows: StoredEvent[]) => void;
  /** A batch stored: other instances (and replays) may have it now. */
  onStored?: (rows: StoredEvent[]) => void;
  /** A run some of whose events could not be stored: nothing more of it is stored, it must end. */
  onRunFailed?: (runId: string, error: unknown) => void;
  /** How long an event waits for the next batch: until the next append after this, at most twice it. */
  flushMs: number;
  /** Rows per statement at most. */
  maxBatch: number;
  /** How long a batch is retried while storage is unreachable before its runs fail. */
  retryForMs: number;
  /** Resolves if the database answers: settles whether an error that says nothing of it came from an outage. */
  ping: () => Promise<unknown>;
};

/** Settles `settled(runId)` for a run whose events could not all be stored. */
export class EventStorageError extends Error {
  override readonly name = "EventStorageError";
  constructor(
    readonly runId: string,
    override readonly cause: unknown,
    /** The database was out of reach, rather than refusing the events (or a bug failing them). */
    readonly outage: boolean,
  ) {
    super(`The events of run ${runId} could not be stored.`);
  }
}

type Waiter = { resolve: () => void; reject: (error: unknown) => void };
type RunState = { outstanding: number; waiters: Waiter[] };

const MAX_BACKOFF_MS = 2_000;

/**
 * Group commit for the event log: one writer per process gathers the pending events of every run
 * and stores them with one statement per batch, one batch at a time so each run's events are
 * stored in order. An event waits about `flushMs`, twice that at most (an urgent one, such as a
 * run's first event and first text, not at all). Batches are retried while storage is unreachable; a run whose events still cannot
 * be stored stores nothing more, so its log never has a hole, and is told to end. A run that stops waiting
 * (cancelled, shut down) fails at once while storage is unreachable rather than after the retries.
 */
export function createEventWriter(options: EventWriterOptions) {
  const { insert, onHandOff = () => {}, onStored = () => {}, onRunFailed = () => {}, flushMs, maxBatch, retryForMs, ping } = options;
  let pending: StoredEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing = false;
  // Asked for while a batch was being stored: the next one goes as soon as that one is done.
  let urgent = false;
  const runs = new Map<string, RunState>();
  const failed = new Map<string, EventStorageError>();
  // Runs that no longer wait for storage to come back; the batch being retried, and how to end its wait.
  const givenUp = new Set<string>();
  let retrying: { batch: StoredEvent[]; error: unknown } | undefined;
  let wake: (() => void) | undefined;

  const stateOf = (runId: string) => {
    let state = runs.get(runId);
    if (!state) runs.set(runId, (state = { outstanding: 0, waiters: [] }));
    return state;
  };

  const due = () => pending.length >= maxBatch || pending[0]!.at.getTime() + flushMs <= Date.now();

  function schedule(now: boolean) {
    if (writing) {
      urgent ||= now;
      return;
    }
    if (pending.length === 0) return;
    if (now || due()) {
      clearTimeout(timer);
      timer = undefined;
      void writeAll();
    } else {
      // A batch that is due goes with the next event's append, in that event's tick; the timer is
      // for a run that has gone quiet, so it allows twice the window and a stream of tokens does
      // not pay a wake-up of its own per batch.
      timer ??= setTimeout(
        () => {
          timer = undefined;
          void writeAll();
        },
        Math.max(0, pending[0]!.at.getTime() + 2 * flushMs - Date.now()),
      );
    }
  }

  async function writeAll() {
    writing = true;
    do {
      urgent = false;
      const batch = pending.length <= maxBatch ? pending : pending.slice(0, maxBatch);
      pending = batch === pending ? [] : pending.slice(maxBatch);
      onHandOff(batch);
      await store(batch);
    } while (pending.length > 0 && (urgent || due()));
    writing = false;
    schedule(false);
  }

  // pg's error for a connection that broke mid-statement has no code, like a bug's: whether the
  // database still answers tells them apart. Anything else that is not an outage fails at once.
  async function isOutage(error: unknown) {
    if (isTransientDbError(error)) return true;
    try {
      await ping();
      return false;
    } catch {
      return true;
    }
  }

  async function store(batch: StoredEvent[]) {
    const started = Date.now();
    try {
      for (let attempt = 0; batch.length > 0; attempt++) {
        try {
          await insert(batch);
          return stored(batch);
        } catch (error) {
          if (!(await isOutage(error))) {
            const byRun = rowsByRun(batch);
            if (byRun.size === 1) return fail(new EventStorageError(batch[0]!.runId, error, false));
            // One run's bad row must not cost the others their events.
            for (const rows of byRun.values()) await store(rows);
            return;
          }
          retrying = { batch: stillWaiting(batch, error, Date.now() - started >= retryForMs), error };
          if (retrying.batch.length > 0) await pause(Math.min(MAX_BACKOFF_MS, 50 * 2 ** attempt));
          batch = stillWaiting(retrying.batch, error, false);
        }
      }
    } finally {
      retrying = undefined;
    }
  }

  /** The rows of a batch whose runs still wait for storage; the others' runs fail (every run's, `outOfTime`). */
  function stillWaiting(batch: StoredEvent[], error: unknown, outOfTime: boolean) {
    for (const { runId } of batch) if (outOfTime || givenUp.has(runId)) fail(new EventStorageError(runId, error, true));
    return batch.filter((row) => !failed.has(row.runId));
  }

  /** The wait between two tries, which a run that stops waiting ends early. */
  function pause(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = undefined));
  }

  /** A run that stops waiting: while storage is unreachable it fails now, not when the retries end. */
  function giveUp(runId: string) {
    givenUp.add(runId);
    if (!retrying || !runs.get(runId)?.outstanding) return;
    // Its rows in the batch being retried are dropped by the retry loop, woken for it.
    if (retrying.batch.some((row) => row.runId === runId)) wake?.();
    else fail(new EventStorageError(runId, retrying.error, true));
  }

  function stored(batch: StoredEvent[]) {
    onStored(batch);
    for (const { runId } of batch) {
      const state = runs.get(runId);
      if (!state) continue;
      if (--state.outstanding === 0) {
        for (const waiter of state.waiters.splice(0)) waiter.resolve();
      }
    }
  }

  function fail(failure: EventStorageError) {
    const { runId } = failure;
    if (failed.has(runId)) return;
    failed.set(runId, failure);
    pending = pending.filter((row) => row.runId !== runId);
    const state = runs.get(runId);
    if (state) {
      state.outstanding = 0;
      for (const waiter of state.waiters.splice(0)) waiter.reject(failure);
    }
    onRunFailed(runId, failure.cause);
  }

  return {
    /**
     * Queues an event for storing; `now` skips the wait (a run's first event and first text). A run's final event
     * comes with how the run ended (`end`), stored by the same statement.
     */
    append(runId: string, event: SequencedEvent, { now = false, end }: { now?: boolean; end?: RunEnd } = {}) {
      if (failed.has(runId)) return;
      pending.push({ runId, event, at: new Date(), end });
      stateOf(runId).outstanding += 1;
      schedule(now);
    },
    /**
     * Resolves once every event appended for the run so far is stored; rejects with EventStorageError.
     * Once `signal` aborts (the run was cancelled or stopped), it no longer waits for storage to come back.
     */
    settled(runId: string, signal?: AbortSignal): Promise<void> {
      const failure = failed.get(runId);
      if (failure) return Promise.reject(failure);
      const state = runs.get(runId);
      if (!state || state.outstanding === 0) return Promise.resolve();
      schedule(true);
      const settling = new Promise<void>((resolve, reject) => state.waiters.push({ resolve, reject }));
      if (signal?.aborted) giveUp(runId);
      else if (signal) {
        const stop = () => giveUp(runId);
        signal.addEventListener("abort", stop, { once: true });
        const forget = () => signal.removeEventListener("abort", stop);
        settling.then(forget, forget);
      }
      return settling;
    },
    /** Forgets a run that has ended (its last events settled). */
    release(runId: string) {
      runs.delete(runId);
      failed.delete(runId);
      givenUp.delete(runId);
    },
  };
}

export type EventWriter = ReturnType<typeof createEventWriter>;

function rowsByRun(rows: StoredEvent[]) {
  const byRun = new Map<string, StoredEvent[]>();
  for (const row of rows) {
    const group = byRun.get(row.runId);
    if (group) group.push(row);
    else byRun.set(row.runId, [row]);
  }
  return byRun;
}

/** A batch's rows run by run, each run's events in order. */
function eventsByRun(rows: StoredEvent[]): [string, SequencedEvent[]][] {
  return [...rowsByRun(rows)].map(([runId, group]) => [runId, group.map((row) => row.event)]);
}

type Deliver = (runId: string, events: SequencedEvent[]) => void;

/**
 * Who gets a batch when: followers in this process at hand-off, but a final event only once it is
 * stored with its run's end; other instances (`publish`) once stored.
 */
export function deliveryHooks(deliverHere: Deliver, publish: Deliver): Pick<EventWriterOptions, "onHandOff" | "onStored"> {
  const each = (rows: StoredEvent[], to: Deliver) => eventsByRun(rows).forEach(([runId, events]) => to(runId, events));
  return {
    onHandOff: (rows) =>
      each(
        rows.filter((row) => !row.end),
        deliverHere,
      ),
    onStored: (rows) => {
      each(
        rows.filter((row) => row.end),
        deliverHere,
      );
      each(rows, publish);
    },
  };
}
