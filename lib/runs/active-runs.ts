import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Why a run was stopped when its instance shut down (distinct from a user's cancel). A registered
 * symbol: Next may bundle this module into several chunks, and each must recognise the same reason.
 */
export const SHUTDOWN = Symbol.for("agent-studio.shutdown");
/** Why a run was stopped when its events could not be stored. */
export const STORAGE_FAILED = Symbol.for("agent-studio.storage-failed");

type ActiveRun = { controller: AbortController; finished: Promise<unknown> };

const globalForRuns = globalThis as { agentStudioActiveRuns?: { runs: Map<string, ActiveRun>; followers: number; draining: boolean } };
const state = (globalForRuns.agentStudioActiveRuns ??= { runs: new Map(), followers: 0, draining: false });

/** Tracks a run executing in this process until it settles. */
export function track(runId: string, run: ActiveRun) {
  state.runs.set(runId, run);
  void run.finished.catch(() => {}).finally(() => state.runs.delete(runId));
}

/** Counts a stream following a run until `release`: a shutdown lets them deliver their last event. */
export function trackFollower() {
  state.followers += 1;
  return () => void (state.followers -= 1);
}

/** Stops a run if this process executes it; false when it runs elsewhere (or not at all). */
export function cancelLocally(runId: string, reason?: symbol) {
  const run = state.runs.get(runId);
  run?.controller.abort(reason);
  return Boolean(run);
}

/** Streams following a run in this process now (the agent_studio_active_streams gauge). */
export function followerCount() {
  return state.followers;
}

export function activeRunCount() {
  return state.runs.size;
}

/** The runs executing in this process now. */
export function activeRunIds() {
  return [...state.runs.keys()];
}

export function isDraining() {
  return state.draining;
}

/** New runs are refused once this instance is shutting down: the client retries elsewhere. */
export function refuseWhenDraining() {
  if (state.draining) throw new AppError("unavailable", "This server is shutting down. Retry in a moment.", 1);
}

const settled = (runs: ActiveRun[]) => Promise.allSettled(runs.map((run) => run.finished));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops taking runs, gives the running ones `graceMs` to finish, then stops the rest (they end with
 * INTERRUPTED) and waits for them to be stored. Returns how many finished and how many were interrupted.
 */
export async function drain(graceMs: number) {
  state.draining = true;
  const running = [...state.runs.values()];
  await Promise.race([settled(running), sleep(graceMs)]);
  const rest = [...state.runs.values()];
  for (const run of rest) run.controller.abort(SHUTDOWN);
  await Promise.race([settled(rest), sleep(10_000)]);
  // Streams following those runs now have their final event: give them a moment to send it.
  for (const deadline = Date.now() + 5_000; state.followers > 0 && Date.now() < deadline;) await sleep(50);
  await sleep(100);
  return { finished: running.length - rest.length, interrupted: rest.length };
}
