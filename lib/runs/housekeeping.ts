import "server-only";
import { purgeSessions } from "@/lib/db/sessions";
import { logger } from "@/lib/log";
import { forgetGoneInstances, heartbeat } from "./cleanup";
import { recoverOrphanedRuns } from "./recovery";
import { runtime } from "./runtime";

/**
 * From start: every INSTANCE_HEARTBEAT_S this instance says it is alive and takes over the runs nobody
 * executes any more, resuming them from their journal or ending them (see recoverOrphanedRuns); every CLEANUP_INTERVAL_S expired sessions, and deleted ones past SESSION_UNDO_S, are purged.
 * Failures are logged and retried next time; they never take the server down.
 */
export function startHousekeeping() {
  const rt = runtime();
  const { env, db, instance } = rt;
  const { pool } = db;
  const log = logger.child({ job: "housekeeping" });
  // A round still going when the next is due (a slow database, agents loading to resume a run) is not joined by another.
  const guarded = (job: () => Promise<void>) => {
    let going = false;
    return async () => {
      if (going) return;
      going = true;
      try {
        await job();
      } catch (error) {
        log.warn({ err: error }, "housekeeping failed; retrying next interval");
      } finally {
        going = false;
      }
    };
  };
  const watchRuns = guarded(async () => {
    await heartbeat(pool, instance);
    const { resumed, interrupted } = await recoverOrphanedRuns(rt);
    if (resumed || interrupted) log.info({ resumed, interrupted }, "took over the runs nobody executes any more");
  });
  const sweep = guarded(async () => {
    const expired = await purgeSessions(new Date(Date.now() - env.SESSION_UNDO_S * 1000));
    await forgetGoneInstances(pool);
    if (expired) log.info({ purged: expired }, "purged expired and deleted sessions");
  });
  void watchRuns().then(sweep);
  setInterval(watchRuns, env.INSTANCE_HEARTBEAT_S * 1000).unref();
  setInterval(sweep, env.CLEANUP_INTERVAL_S * 1000).unref();
}
