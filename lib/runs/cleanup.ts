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

/**
 * Ends the runs left QUEUED or RUNNING by a process that is gone: an earlier process of this
 * instance (at once: same name, another id), an instance whose heartbeat is older than `timeoutS`,
 * and any run older than the run time cap, with INTERRUPTED; and this process's own runs that are
 * no longer in `executing`, with INTERNAL. The second and third count only runs started before
 * INSTANCE_TIMEOUT_S ago: a new instance may not have beaten yet, a new run may not be tracked yet.
 */
export async function interruptOrphanedRuns(
  { pool, bus }: Storage,
  instance: Instance,
  { INSTANCE_TIMEOUT_S: timeoutS, RUN_TIMEOUT_CAP_S }: Pick<Env, "INSTANCE_TIMEOUT_S" | "RUN_TIMEOUT_CAP_S">,
  executing: string[],
) {
  const now = Date.now();
  const { rows } = await pool.query<{ id: string; here: boolean }>(
    `SELECT r.id, r."instanceId" = $1 AS here FROM "Run" r LEFT JOIN "Instance" i ON i.id = r."instanceId"
     WHERE r.status IN (${sqlStates(HELD)}) AND (
       (r."instanceId" IS DISTINCT FROM $1 AND (
         starts_with(r."instanceId", $2)
         OR (r."createdAt" < $3 AND (i."heartbeatAt" IS NULL OR i."heartbeatAt" < now() - make_interval(secs => $4)))
         OR r."createdAt" < $5))
       OR (r."instanceId" = $1 AND r."createdAt" < $3 AND r.id <> ALL($6)))`,
    [
      instance.id,
      `${instance.name}/`,
      new Date(now - timeoutS * 1000),
      timeoutS,
      new Date(now - RUN_TIMEOUT_CAP_S * 1000 - SLACK_MS),
      executing,
    ],
  );
  let interrupted = 0;
  for (const run of rows) {
    const final = await insertRunAbandoned(pool, run.id, run.here ? UNSTORED : INTERRUPTED);
    if (!final) continue;
    interrupted += 1;
    await bus.publish(run.id, { type: "events", events: [final] }).catch(() => {});
  }
  return interrupted;
}

/** Heartbeats of instances gone for a day: their runs were interrupted long ago. */
export async function forgetGoneInstances(pool: Queryable) {
  await pool.query(`DELETE FROM "Instance" WHERE "heartbeatAt" < now() - interval '1 day'`);
}
