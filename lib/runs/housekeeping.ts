import "server-only";
import { pool } from "@/lib/db/pool";
import { purgeSessions } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { activeRunIds } from "./active-runs";
import { getBus } from "./bus";
import { forgetGoneInstances, heartbeat, interruptOrphanedRuns } from "./cleanup";
import { INSTANCE } from "./instance";

/**
 * From start: every INSTANCE_HEARTBEAT_S this instance says it is alive and ends the runs nobody
 * executes any more (see interruptOrphanedRuns); every CLEANUP_INTERVAL_S expired sessions, and deleted ones past SESSION_UNDO_S, are purged.
 * Failures are logged and retried next time; they never take the server down.
 */
export function startHousekeeping() {
  const log = logger.child({ job: "housekeeping" });
  const guarded = (job: () => Promise<void>) => async () => {
    try {
      await job();
    } catch (error) {
      log.warn({ err: error }, "housekeeping failed; retrying next interval");
    }
  };
  const watchRuns = guarded(async () => {
    await heartbeat(pool, INSTANCE);
    const interrupted = await interruptOrphanedRuns({ pool, bus: getBus() }, INSTANCE, env.INSTANCE_TIMEOUT_S, activeRunIds());
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
