import type { RunStatus } from "./generated/enums";

/**
 * A run's states and every move between them: the one place that says which status a run may go to
 * from which, and on what. The statements that write `Run.status` take their conditions from here
 * (docs/ARCHITECTURE.md §4 shows this table).
 */

/** A run that is not over: more events may come, something executes it or will. */
export const LIVE = ["QUEUED", "RUNNING", "RETRYING", "WAITING"] as const satisfies readonly RunStatus[];
export type LiveStatus = (typeof LIVE)[number];
export type EndStatus = Exclude<RunStatus, LiveStatus>;

type Transition = { from: LiveStatus | "new"; to: RunStatus; on: string };

const ENDS: Transition[] = LIVE.flatMap((from) => [
  { from, to: "SUCCEEDED", on: "the final event is `done`" },
  { from, to: "FAILED", on: "the final event is `error` (LLM_ERROR, TOOL_ERROR, OUTPUT_INVALID, RATE_LIMITED, INTERRUPTED, INTERNAL)" },
  { from, to: "CANCELLED", on: "the final event is `error` CANCELLED" },
  { from, to: "TIMED_OUT", on: "the final event is `error` TIMEOUT" },
]);

export const TRANSITIONS: readonly Transition[] = [
  { from: "new", to: "RUNNING", on: "started with an execution slot free" },
  { from: "new", to: "QUEUED", on: "started with every slot taken (event `queued`)" },
  { from: "QUEUED", to: "RUNNING", on: "a slot is free" },
  { from: "QUEUED", to: "RETRYING", on: "the process holding it is gone; another takes it over" },
  { from: "RUNNING", to: "RETRYING", on: "the process executing it is gone; another takes it over, to resume it from its journal" },
  { from: "RETRYING", to: "RUNNING", on: "a process resumes it" },
  { from: "RUNNING", to: "RUNNING", on: "a newer attempt of its job takes it over: the worker executing it stopped heartbeating" },
  { from: "RUNNING", to: "WAITING", on: "it waits for a person's answer" },
  { from: "WAITING", to: "QUEUED", on: "the person answered" },
  ...ENDS.filter((end) => !(end.from === "WAITING" && end.to === "TIMED_OUT")),
];

/** The states a run may go to `to` from. */
export function fromStates(to: RunStatus): LiveStatus[] {
  return TRANSITIONS.flatMap((t) => (t.to === to && t.from !== "new" ? [t.from] : []));
}

/** The states in which a process holds the run in its memory: if that process is gone, nobody executes it. */
export const HELD = ["QUEUED", "RUNNING"] as const satisfies readonly LiveStatus[];

export const isLive = (status: RunStatus): status is LiveStatus => (LIVE as readonly RunStatus[]).includes(status);

/** A list of states as SQL (`'QUEUED', 'RUNNING'`) for the statements that select or move runs. */
export const sqlStates = (states: readonly RunStatus[]) => states.map((state) => `'${state}'`).join(", ");

const END_OF: Record<string, EndStatus> = { CANCELLED: "CANCELLED", TIMEOUT: "TIMED_OUT" };

/** The status a run ends with, from its final event: `done`, or an `error` with its code. */
export const endStatus = (final: { type: "done" } | { type: "error"; code: string }): EndStatus =>
  final.type === "done" ? "SUCCEEDED" : (END_OF[final.code] ?? "FAILED");
