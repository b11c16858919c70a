import type { RunJournal, StepRecord } from "@/lib/agent/journal";

/** What a test's simulated process death throws: nothing after it happens. */
export class CrashError extends Error {
  override readonly name = "CrashError";
}

/** Where one attempt of the run dies: at its `op`-th journal operation, before it is applied or after. */
export type JournalCrash = { op: number; applied: boolean };

type Attempt = {
  /** How many events the run's log has now. */
  logLength: () => number;
  isDead: () => boolean;
  die: () => void;
  crash?: JournalCrash;
};

/**
 * A step journal in memory, kept across the attempts of one run as a database would keep it:
 * outputs stored as JSON, and nothing applied once the attempt's process is dead.
 */
export function memoryJournal() {
  const steps = new Map<string, StepRecord>();
  /** Per step, the log's length when each of its attempts began: what lib/runs would put in step_retry's after_seq. */
  const begunAt = new Map<string, number[]>();
  return {
    steps,
    begunAt,
    /** The journal as one attempt sees it; `ops()` counts the operations it made. */
    attempt(hooks: Attempt): RunJournal & { ops: () => number } {
      let ops = 0;
      const operate = (apply: () => void) => {
        if (hooks.isDead()) throw new CrashError("the process is dead");
        ops += 1;
        const crashes = hooks.crash?.op === ops;
        if (crashes && !hooks.crash!.applied) hooks.die();
        else apply();
        if (crashes) {
          hooks.die();
          throw new CrashError(`died at journal operation ${ops}`);
        }
      };
      return {
        ops: () => ops,
        get: (key) => steps.get(key),
        async start(key) {
          const attempt = (steps.get(key)?.attempt ?? 0) + 1;
          operate(() => {
            steps.set(key, { status: "started", attempt });
            begunAt.set(key, [...(begunAt.get(key) ?? []), hooks.logLength()]);
          });
          return attempt;
        },
        async finish(key, output) {
          operate(() => steps.set(key, { status: "done", attempt: steps.get(key)!.attempt, output: JSON.parse(JSON.stringify(output)) }));
        },
      };
    },
  };
}
