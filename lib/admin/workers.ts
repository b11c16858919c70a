import "server-only";
import { queueLoad } from "@/lib/runs/queue-load";

/**
 * The admin overview's workers section (RUN_EXECUTOR=pgboss): the run queue's figures and the workers
 * taking its jobs, by name, each with how long ago it was last seen. Undefined when runs execute inline.
 */
export async function workersOverview(now = new Date()) {
  const load = await queueLoad(undefined, now);
  if (!load) return undefined;
  const workers = load.workers
    .map((worker) => ({ ...worker, lastSeen: ago(worker.seenAt, now) }))
    .sort((a, b) => a.instance.localeCompare(b.instance));
  return { ...load, workers };
}

/** How long before `now` `then` was: "just now", "12 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function ago(then: Date, now: Date) {
  // Heartbeats carry the database's clock; a host's a little behind it must not read "in the future".
  const seconds = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
  if (seconds < 1) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export type WorkersOverview = NonNullable<Awaited<ReturnType<typeof workersOverview>>>;
