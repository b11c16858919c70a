import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { Bus } from "./bus";
import type { Queryable } from "./event-store";
import { insertRunInterrupted } from "./run-store";

// A run cannot last longer than the cap; past it (plus slack for storing) nobody is executing it.
const SLACK_MS = 60_000;

type Storage = { db: PrismaClient; pool: Queryable; bus: Bus };

/**
 * Runs left QUEUED or RUNNING by an instance that died (a restart, a crash, a deploy). `onlyOthers`:
 * at start-up without Redis this is the only instance, so every run not started by it is orphaned.
 */
export async function interruptOrphanedRuns({ db, pool, bus }: Storage, instanceId: string, onlyOthers: boolean) {
  const staleBefore = new Date(Date.now() - env.RUN_TIMEOUT_CAP_S * 1000 - SLACK_MS);
  const orphans = await db.run.findMany({
    where: {
      status: { in: ["QUEUED", "RUNNING"] },
      OR: [{ createdAt: { lt: staleBefore } }, ...(onlyOthers ? [{ instanceId: { not: instanceId } }, { instanceId: null }] : [])],
    },
    select: { id: true },
  });
  const message = "The server restarted while this run was in progress.";
  let interrupted = 0;
  for (const run of orphans) {
    const final = await insertRunInterrupted(pool, run.id, message);
    if (!final) continue;
    interrupted += 1;
    await bus.publish(run.id, { type: "events", events: [final] }).catch(() => {});
  }
  return interrupted;
}

/** Sessions past their agent's TTL, with their messages, runs and events. */
export async function deleteExpiredSessions(db: PrismaClient, now = new Date()) {
  const { count } = await db.chatSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
