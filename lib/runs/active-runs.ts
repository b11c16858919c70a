import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Why a run was stopped here to go on elsewhere (its instance shuts down, or its job went to another
 * worker): it writes nothing more, and whoever takes it over resumes it from its journal. A
 * registered symbol: Next may bundle this module into several chunks, and each must recognise it.
 */
export const HANDED_OVER = Symbol.for("agent-studio.handed-over");
/** Why a run was stopped when its events could not be stored. */
export const STORAGE_FAILED = Symbol.for("agent-studio.storage-failed");

type ActiveRun = { controller: AbortController; finished: Promise<unknown> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The runs executing in this process and the streams following runs here, until it shuts down. */
export function createActiveRuns() {
  const runs = new Map<string, ActiveRun>();
  let followers = 0;
  let draining = false;
  const settled = (some: ActiveRun[]) => Promise.allSettled(some.map((run) => run.finished));

  return {
    /** Tracks a run executing in this process until it settles. */
    track(runId: string, run: ActiveRun) {
      runs.set(runId, run);
      void run.finished.catch(() => {}).finally(() => runs.delete(runId));
    },

    /** Counts a stream following a run until `release`: a shutdown lets them deliver their last event. */
    trackFollower() {
      followers += 1;
      return () => void (followers -= 1);
    },

    /** Stops a run if this process executes it; false when it runs elsewhere (or not at all). */
    cancelLocally(runId: string, reason?: symbol) {
      const run = runs.get(runId);
      run?.controller.abort(reason);
      return Boolean(run);
    },

    /** Streams following a run in this process now (the agent_studio_active_streams gauge). */
    get followers() {
      return followers;
    },

    /** The runs executing in this process now. */
    ids() {
      return [...runs.keys()];
    },

    get draining() {
      return draining;
    },

    /** New runs are refused once this instance is shutting down: the client retries elsewhere. */
    refuseWhenDraining() {
      if (draining) throw new AppError("unavailable", "This server is shutting down. Retry in a moment.", 1);
    },

    /**
     * Stops taking runs, gives the running ones `graceMs` to finish, then hands the rest over (another
     * instance, or this one restarted, resumes them from their journal) once what they emitted is
     * stored. Returns how many finished and how many were handed over.
     */
    async drain(graceMs: number) {
      draining = true;
      const running = runs.size;
      // Runs that begin meanwhile (a job taken just before) are waited for too.
      for (const deadline = Date.now() + graceMs; runs.size > 0 && Date.now() < deadline;) {
        await Promise.race([settled([...runs.values()]), sleep(deadline - Date.now())]);
      }
      const rest = [...runs.values()];
      for (const run of rest) run.controller.abort(HANDED_OVER);
      await Promise.race([settled(rest), sleep(10_000)]);
      // Streams following those runs now have their final event: give them a moment to send it.
      for (const deadline = Date.now() + 5_000; followers > 0 && Date.now() < deadline;) await sleep(50);
      await sleep(100);
      return { finished: Math.max(running - rest.length, 0), handedOver: rest.length };
    },
  };
}

export type ActiveRuns = ReturnType<typeof createActiveRuns>;
