import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import type { Bus } from "./bus";
import { appendFinalEvent } from "./event-log";

// A run cannot last longer than the cap; past it (plus slack for storing) nobody is executing it.
const SLACK_MS = 60_000;

/**
 * Runs left QUEUED or RUNNING by an instance that died (a restart, a crash, a deploy). `onlyOthers`:
 * at start-up without Redis this is the only instance, so every run not started by it is orphaned.
 */
export async function interruptOrphanedRuns(db: PrismaClient, bus: Bus, instanceId: string, onlyOthers: boolean) {
  const staleBefore = new Date(Date.now() - env.RUN_TIMEOUT_CAP_S * 1000 - SLACK_MS);
  const orphans = await db.run.findMany({
    where: {
      status: { in: ["QUEUED", "RUNNING"] },
      OR: [{ createdAt: { lt: staleBefore } }, ...(onlyOthers ? [{ instanceId: { not: instanceId } }, { instanceId: null }] : [])],
    },
    select: { id: true, sessionId: true },
  });
  const message = "The server restarted while this run was in progress.";
  for (const run of orphans) {
    await db.run.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), errorCode: "INTERRUPTED", errorMessage: message },
    });
    await db.chatSession.update({ where: { id: run.sessionId }, data: { lastRunStatus: "FAILED" } });
    await appendFinalEvent(db, bus, run.id, { type: "error", code: "INTERRUPTED", message });
  }
  return orphans.length;
}

/** Sessions past their agent's TTL, with their messages, runs and events. */
export async function deleteExpiredSessions(db: PrismaClient, now = new Date()) {
  const { count } = await db.chatSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
