import "server-only";
import { logger } from "@/lib/log";
import { endOrphan, findOrphanedRuns } from "./cleanup";
import { readEvents } from "./event-store";
import { launch, runInputSchema } from "./execute";
import { loadSteps } from "./journal-store";
import { claimRun, type ClaimedRun } from "./run-store";
import type { Runtime } from "./runtime";

const log = logger.child({ component: "recovery" });

/**
 * Runs nobody executes any more are taken over here and resumed from their journal when they can
 * be (RETRYING, then RUNNING once a slot is free), and ended as interrupted otherwise. Returns how
 * many of each.
 */
export async function recoverOrphanedRuns(rt: Runtime) {
  const { db, bus, instance, env, active } = rt;
  const orphans = await findOrphanedRuns(db.pool, instance, env, active.ids());
  let resumed = 0;
  let interrupted = 0;
  for (const orphan of orphans) {
    if (orphan.resumable) {
      // Another instance may take it first: then it is theirs.
      const claimed = await claimRun(db.pool, orphan.id, orphan.instanceId, instance.id);
      if (claimed && (await resume(rt, claimed))) resumed += 1;
      if (claimed) continue;
    }
    if (await endOrphan({ pool: db.pool, bus }, orphan)) interrupted += 1;
  }
  return { resumed, interrupted };
}

/** Executes a run taken over here from what its earlier executions stored; false if it cannot be. */
async function resume(rt: Runtime, run: ClaimedRun) {
  const input = runInputSchema.safeParse(run.input);
  const agent = (await rt.agents()).agents.get(run.agent);
  if (!input.success || !agent) {
    log.error({ runId: run.id, agent: run.agent }, "cannot resume the run: its input or its agent is gone");
    await endOrphan({ pool: rt.db.pool, bus: rt.bus }, { id: run.id, instanceId: rt.instance.id, here: false, resumable: false });
    return false;
  }
  const [events, steps] = await Promise.all([readEvents(rt.db.pool, run.id), loadSteps(rt.db.pool, run.id)]);
  launch(
    rt,
    {
      runId: run.id,
      sessionId: run.sessionId,
      userId: run.userId,
      name: run.agent,
      query: run.query,
      params: run.params ?? {},
      input: input.data,
      running: false,
      resume: { events, steps },
    },
    agent.config.model,
  );
  return true;
}
