import "server-only";
import { countRetriedRuns, oldestWaitingRunAt } from "@/lib/db/runs";
import { runtime, type Runtime } from "./runtime";

// Retried runs are counted over the runs of the last hour: the `createdAt` index bounds the scan, and
// a count over every run ever stored would neither stay cheap nor only grow (sessions are purged).
const RETRIED_WINDOW_MS = 3_600_000;

/**
 * The run queue as /api/metrics and the admin overview show it (RUN_EXECUTOR=pgboss): jobs waiting and
 * active, how long the oldest waiting run has waited, runs retried lately, and the workers taking
 * jobs. Queue-wide, the same whichever instance answers. Undefined when runs execute inline.
 */
export async function queueLoad(rt: Runtime = runtime(), now = new Date()) {
  // None, and pg-boss not started, with RUN_EXECUTOR=inline.
  const queue = await rt.queue();
  if (!queue) return undefined;
  const [stats, oldest, retried] = await Promise.all([
    queue.stats(),
    oldestWaitingRunAt(),
    countRetriedRuns(new Date(now.getTime() - RETRIED_WINDOW_MS)),
  ]);
  return {
    waiting: stats.queued,
    active: stats.active,
    /** How long the oldest run waiting for a worker has waited; null when none waits. */
    oldestWaitMs: oldest && Math.max(0, now.getTime() - oldest.getTime()),
    /** Runs created in the last hour that began more than one execution. */
    retriedLastHour: retried,
    workers: stats.workers,
  };
}

export type QueueLoad = NonNullable<Awaited<ReturnType<typeof queueLoad>>>;
