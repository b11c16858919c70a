import "server-only";
import { db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { getBus } from "./bus";
import { deleteExpiredSessions, interruptOrphanedRuns } from "./cleanup";
import { INSTANCE_ID } from "./service";

/**
 * At start and every CLEANUP_INTERVAL_S: expired sessions go, runs orphaned by a dead instance end
 * with INTERRUPTED. Failures are logged and retried next time; they never take the server down.
 */
export function startHousekeeping() {
  const log = logger.child({ job: "housekeeping" });
  let first = true;
  const tick = async () => {
    try {
      const interrupted = await interruptOrphanedRuns({ db, pool, bus: getBus() }, INSTANCE_ID, first && !env.REDIS_URL);
      const expired = await deleteExpiredSessions(db);
      if (interrupted || expired) log.info({ interrupted, expired }, "housekeeping");
      first = false;
    } catch (error) {
      log.warn({ err: error }, "housekeeping failed; retrying next interval");
    }
  };
  void tick();
  setInterval(tick, env.CLEANUP_INTERVAL_S * 1000).unref();
}
