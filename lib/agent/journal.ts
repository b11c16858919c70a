/**
 * Where a run keeps its steps (a model call, a tool call, a phase's structured output), so a run
 * executed again after its process died goes on from what was stored instead of starting over.
 * lib/agent owns the interface and lib/runs stores it, as with the observer.
 *
 * A step's events are emitted before `finish` is called: a store must never keep a step done
 * without the events it emitted.
 */

export type StepKind = "model" | "tool" | "output";

export type StepRecord = {
  status: "started" | "done";
  /** Attempts begun so far, counting the one a crash cut off. */
  attempt: number;
  /** What `finish` stored: JSON. */
  output?: unknown;
};

export type RunJournal = {
  /** The step as stored when the run began (loaded before it, so synchronous); undefined when never started. */
  get(key: string): StepRecord | undefined;
  /** Records that an attempt begins; resolves to its number (1 for the first). */
  start(key: string, kind: StepKind): Promise<number>;
  /** Records the step's output (JSON); the step is then done. */
  finish(key: string, output: unknown): Promise<void>;
};

const FIRST = Promise.resolve(1);
const STORED = Promise.resolve();

/** No journal: every step runs, nothing is kept (a run that dies is ended, not resumed). */
export const NO_JOURNAL: RunJournal = { get: () => undefined, start: () => FIRST, finish: () => STORED };

/**
 * The keys of a run's steps: the same step gets the same key in every attempt, because a run
 * replays its phases and calls in the same order. A call id is the model's and unique in its phase.
 */
export const stepKey = {
  model: (phaseId: string, index: number) => `${phaseId}/model/${index}`,
  tool: (phaseId: string, callId: string) => `${phaseId}/tool/${callId}`,
  output: (phaseId: string) => `${phaseId}/output`,
};

/**
 * Runs `work` as the step `key`. A step already done gives back its stored output, with no work
 * and no events (`replayed`); any other is run, `attempt` above 1 when an earlier one was cut off.
 */
export async function journaled<T>(
  journal: RunJournal,
  key: string,
  kind: StepKind,
  work: (attempt: number) => Promise<T>,
): Promise<{ output: T; replayed: boolean }> {
  const stored = journal.get(key);
  if (stored?.status === "done") return { output: stored.output as T, replayed: true };
  const attempt = await journal.start(key, kind);
  const output = await work(attempt);
  await journal.finish(key, output);
  return { output, replayed: false };
}
