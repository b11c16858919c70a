import "server-only";
import { db } from "./client";
import { LIVE } from "./run-lifecycle";

/**
 * The Run and RunEvent reads made through Prisma. A run's writes, and the event log, are the hot
 * path and are SQL in lib/runs/{run,event}-store.ts; the usage report's aggregates in lib/admin/usage.ts.
 */

export function findRun(id: string) {
  return db.run.findUnique({ where: { id } });
}

/** The session's run still in progress, if any (the newest). */
export function findRunInProgress(sessionId: string) {
  return db.run.findFirst({
    where: { sessionId, status: { in: [...LIVE] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
}

/** Each run of a session, oldest first: where it is in the session's tree, and what its footer shows. */
export function runsOf(sessionId: string) {
  return db.run.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      model: true,
      createdAt: true,
      finishedAt: true,
      durationMs: true,
      inputTokens: true,
      outputTokens: true,
      errorCode: true,
      errorMessage: true,
      parentRunId: true,
      questionId: true,
      query: true,
      feedback: true,
    },
  });
}

/** Each run of a session with its stored events, for the admin's timelines. */
export function runsWithEventsOf(sessionId: string) {
  return db.run.findMany({
    where: { sessionId },
    orderBy: { createdAt: "asc" },
    omit: { params: true, output: true, input: true },
    include: {
      events: { orderBy: { seq: "asc" }, select: { seq: true, type: true, data: true, createdAt: true } },
      steps: {
        orderBy: { startedAt: "asc" },
        select: { key: true, kind: true, status: true, attempt: true, startedAt: true, finishedAt: true },
      },
    },
  });
}

/** Runs started since `since`, those of them that failed, and those running now. */
export async function runCounts(since: Date) {
  const [started, failed, running] = await Promise.all([
    db.run.count({ where: { createdAt: { gte: since } } }),
    db.run.count({ where: { createdAt: { gte: since }, status: { in: ["FAILED", "TIMED_OUT"] } } }),
    db.run.count({ where: { status: "RUNNING" } }),
  ]);
  return { started, failed, running };
}

/** When the oldest run still waiting in the run queue for a worker (a job, taken by no process yet) was created; null when none waits. */
export async function oldestWaitingRunAt() {
  const run = await db.run.findFirst({
    where: { status: "QUEUED", instanceId: null, jobId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  return run?.createdAt ?? null;
}

/** Runs created since `since` whose execution began more than once (taken over after their process or worker died). */
export function countRetriedRuns(since: Date) {
  return db.run.count({ where: { createdAt: { gte: since }, attempts: { gt: 1 } } });
}

/** A user's thumbs up (1) or down (-1) on a run's answer, or none. */
export async function setFeedback(id: string, feedback: 1 | -1 | null) {
  await db.run.update({ where: { id }, data: { feedback, feedbackAt: feedback === null ? null : new Date() } });
}

const DAY_MS = 86_400_000;

/** A page of the runs started between two UTC days (inclusive), with one agent or all, newest first. */
export async function runPage({ from, to, agent, page, size }: { from: string; to: string; agent?: string; page: number; size: number }) {
  const where = { agent, createdAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) } };
  const [runs, total] = await Promise.all([
    db.run.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * size,
      take: size,
      select: {
        id: true,
        sessionId: true,
        agent: true,
        status: true,
        query: true,
        createdAt: true,
        durationMs: true,
        inputTokens: true,
        outputTokens: true,
        errorCode: true,
        feedback: true,
        user: { select: { email: true } },
      },
    }),
    db.run.count({ where }),
  ]);
  return { runs, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}
