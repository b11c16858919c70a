import "server-only";
import { HELD, sqlStates } from "@/lib/db/run-lifecycle";
import type { Env } from "@/lib/env";
import type { Bus } from "./bus";
import type { Queryable } from "./event-store";
import { insertRunAbandoned } from "./run-store";

// A run cannot last longer than the cap; past it (plus slack for storing) nobody is executing it.
const SLACK_MS = 60_000;

type Storage = { pool: Queryable; bus: Bus };

/** This process: `id` is `<name>/<random>`, so a restart under the same name is a new process of the same instance. */
export type Instance = { id: string; name: string };

/** Says `instance` is alive, on the database's clock (instances' clocks need not agree). */
export async function heartbeat(pool: Queryable, { id, name }: Instance) {
  await pool.query(
    `INSERT INTO "Instance" (id, name, "heartbeatAt") VALUES ($1, $2, now()) ON CONFLICT (id) DO UPDATE SET "heartbeatAt" = now()`,
    [id, name],
  );
}

const INTERRUPTED = { code: "INTERRUPTED", message: "The server running this answer stopped before it finished." } as const;
// What is left of a run of this process that is no longer executing: its events could not be stored.
const UNSTORED = { code: "INTERNAL", message: "This answer could not be stored, so it ended early." } as const;

/** A run some process held and nobody executes any more. */
export type Orphan = { id: string; instanceId: string | null; here: boolean; resumable: boolean };

type Limits = Pick<Env, "INSTANCE_TIMEOUT_S" | "RUN_TIMEOUT_CAP_S" | "RUN_MAX_ATTEMPTS">;

/**
 * The runs held (QUEUED or RUNNING) by a process that is gone: an earlier process of this instance
 * (at once: same name, another id), an instance whose heartbeat is older than INSTANCE_TIMEOUT_S,
 * any run executing for longer than the run time cap; and this process's own runs that are no
 * longer in `executing` (their events could not be stored). The second and third count only runs
 * started before INSTANCE_TIMEOUT_S ago: a new instance may not have beaten yet, a new run may not
 * be tracked yet. `resumable`: another process may take it over and resume it from its journal —
 * it has its input, attempts left, and is neither over the cap nor this process's own. A run with a
 * job in the run queue is the queue's to hand to another worker: only the cap ends it here.
 */
export async function findOrphanedRuns(pool: Queryable, instance: Instance, limits: Limits, executing: string[]): Promise<Orphan[]> {
  const now = Date.now();
  const { rows } = await pool.query<Orphan>(
    `SELECT r.id, r."instanceId", r."instanceId" = $1 AS here,
       (r."instanceId" IS DISTINCT FROM $1 AND r."jobId" IS NULL AND r.input IS NOT NULL AND r.attempts < $7
        AND coalesce(r."startedAt", r."createdAt") >= $5) AS resumable
     FROM "Run" r LEFT JOIN "Instance" i ON i.id = r."instanceId"
     WHERE r.status IN (${sqlStates(HELD)}) AND (
       (r."instanceId" IS DISTINCT FROM $1 AND (
         (r."jobId" IS NULL AND starts_with(r."instanceId", $2))
         OR (r."jobId" IS NULL AND r."createdAt" < $3 AND (i."heartbeatAt" IS NULL OR i."heartbeatAt" < now() - make_interval(secs => $4)))
         OR coalesce(r."startedAt", r."createdAt") < $5))
       OR (r."instanceId" = $1 AND r."createdAt" < $3 AND r.id <> ALL($6)))`,
    [
      instance.id,
      `${instance.name}/`,
      new Date(now - limits.INSTANCE_TIMEOUT_S * 1000),
      limits.INSTANCE_TIMEOUT_S,
      new Date(now - limits.RUN_TIMEOUT_CAP_S * 1000 - SLACK_MS),
      executing,
      limits.RUN_MAX_ATTEMPTS,
    ],
  );
  return rows;
}

/** Ends an orphan nobody resumes with a final error event, announced on the bus; false if it had ended meanwhile. */
export async function endOrphan({ pool, bus }: Storage, run: Orphan) {
  const final = await insertRunAbandoned(pool, run.id, run.here ? UNSTORED : INTERRUPTED);
  if (!final) return false;
  await bus.publish(run.id, { type: "events", events: [final] }).catch(() => {});
  return true;
}

/** Heartbeats of instances gone for a day: their runs were interrupted long ago. */
export async function forgetGoneInstances(pool: Queryable) {
  await pool.query(`DELETE FROM "Instance" WHERE "heartbeatAt" < now() - interval '1 day'`);
}
