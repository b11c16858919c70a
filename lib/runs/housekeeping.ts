import "server-only";
import { purgeSessions } from "@/lib/db/sessions";
import { logger } from "@/lib/log";
import { forgetGoneInstances, heartbeat, interruptOrphanedRuns } from "./cleanup";
import { runtime } from "./runtime";

/**
 * From start: every INSTANCE_HEARTBEAT_S this instance says it is alive and ends the runs nobody
 * executes any more (see interruptOrphanedRuns); every CLEANUP_INTERVAL_S expired sessions, and deleted ones past SESSION_UNDO_S, are purged.
 * Failures are logged and retried next time; they never take the server down.
 */
export function startHousekeeping() {
  const { env, db, bus, instance, active } = runtime();
  const { pool } = db;
  const log = logger.child({ job: "housekeeping" });
  const guarded = (job: () => Promise<void>) => async () => {
    try {
      await job();
    } catch (error) {
      log.warn({ err: error }, "housekeeping failed; retrying next interval");
    }
  };
  const watchRuns = guarded(async () => {
    await heartbeat(pool, instance);
    const interrupted = await interruptOrphanedRuns({ pool, bus }, instance, env, active.ids());
    if (interrupted) log.info({ interrupted }, "ended runs nobody executes any more");
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
