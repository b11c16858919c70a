import "server-only";
import { endOrphan, findOrphanedRuns } from "./cleanup";
import { launchStored } from "./execute";
import { claimRun } from "./run-store";
import type { Runtime } from "./runtime";

/**
 * Runs nobody executes any more are taken over here and resumed from their journal when they can
 * be (RETRYING, then RUNNING once a slot is free), and ended as interrupted otherwise. Returns how
 * many of each.
 */
export async function recoverOrphanedRuns(rt: Runtime) {
  const { db, bus, instance, env, active } = rt;
  // Shutting down: another instance, or this one's next start, takes them.
  if (active.draining) return { resumed: 0, interrupted: 0 };
  const orphans = await findOrphanedRuns(db.pool, instance, env, active.ids());
  let resumed = 0;
  let interrupted = 0;
  for (const orphan of orphans) {
    if (orphan.resumable) {
      // Another instance (or an earlier round here) may have taken it first: then it is theirs.
      const claimed = await claimRun(db.pool, orphan.id, orphan.instanceId, instance.id);
      if (claimed && (await launchStored(rt, claimed, "claimed"))) resumed += 1;
      continue;
    }
    if (await endOrphan({ pool: db.pool, bus }, orphan)) interrupted += 1;
  }
  return { resumed, interrupted };
}
