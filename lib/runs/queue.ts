import "server-only";
import type pg from "pg";
import { PgBoss, type ConstructorOptions, type Db } from "pg-boss";
import { z } from "zod";
import type { Env } from "@/lib/env";
import { logger, type Logger } from "@/lib/log";
import type { Queryable } from "./event-store";

/**
 * The run queue (decision 0012): a run's job in pg-boss on our own PostgreSQL (schema `pgboss`).
 * The job carries only the run's id; the run's state stays in our tables. A job is inserted in the
 * transaction that inserts its run, workers take jobs WORKER_CONCURRENCY at a time, and a worker
 * that stops heartbeating loses its job to another, which gets it with the next attempt.
 */

// A dead worker's job is failed by the supervise pass; at pg-boss's default of 60 s a run waits up to 2 minutes.
const SUPERVISE_S = 2;
// Polling without LISTEN/NOTIFY (the embedded database). With it, NOTIFY wakes the workers for a new
// job, but not for one put back by the supervisor or a stop: they find that one within RETRY_POLL_S.
// A worker that ended a job waits out the interval before it fetches again, unless the queue's
// ready count (refreshed every SUPERVISE_S) says more than one job waits: then it fetches at once.
const POLL_S = 2;
const RETRY_POLL_S = 5;
// A job outlives its run's timeout (the run ends itself) by this much before pg-boss fails it; 24 h is pg-boss's ceiling.
const EXPIRE_MARGIN_S = 60;
const MAX_EXPIRE_S = 86_400;
// The runs table keeps the history; a small job table keeps the 2-second monitor pass cheap.
const KEEP_ENDED_JOBS_S = 3_600;
const MAINTENANCE_S = 300;

const jobData = z.object({ runId: z.string().min(1) });

export type RunJob = {
  runId: string;
  /** 1 for the first execution, 2 after the first worker died or stopped holding it, … */
  attempt: number;
  /** Aborted when this worker lost the job (its heartbeat found it retried or cancelled) or stopped past its grace. */
  signal: AbortSignal;
};

export type RunQueueStats = {
  /** Jobs waiting (created or retry), as of the last monitor pass (every 2 s). */
  queued: number;
  active: number;
  /** Live instances taking this queue's jobs, as of their last registry heartbeat. */
  workers: { instance: string; host: string; pid: number; concurrency: number; active: number; seenAt: Date }[];
};

type RunQueueSettings = Pick<Env, "QUEUE_HEARTBEAT_S" | "RUN_MAX_ATTEMPTS" | "RUN_TIMEOUT_CAP_S" | "INSTANCE_NAME">;

/** pg-boss's statements run on a caller's pool or transaction client. */
const onConnection = (db: Queryable): Db => ({ executeSql: (text, values) => db.query(text, values) });

/**
 * `pool` is the app's: on a one-connection pool (the embedded database serves one connection at a
 * time) pg-boss shares it, without LISTEN/NOTIFY; otherwise pg-boss opens its own connections to the
 * same database, one of them listening. `name` is the queue's (tests give each their own).
 */
export function createRunQueue({
  env,
  pool,
  log = logger.child({ component: "run-queue" }),
  name = "runs",
}: {
  env: RunQueueSettings;
  pool: pg.Pool;
  log?: Logger;
  name?: string;
}) {
  const listens = pool.options.max !== 1;
  const { connectionString, host, port, database, user, password, ssl } = pool.options;
  const connection: ConstructorOptions = listens
    ? { connectionString, host, port, database, user, password, ssl, useListenNotify: true }
    : { db: onConnection(pool) };
  const boss = new PgBoss({
    ...connection,
    schema: "pgboss",
    migrate: true,
    schedule: false,
    superviseIntervalSeconds: SUPERVISE_S,
    monitorIntervalSeconds: SUPERVISE_S,
    queueCacheIntervalSeconds: SUPERVISE_S,
    maintenanceIntervalSeconds: MAINTENANCE_S,
    instanceName: env.INSTANCE_NAME,
    instanceHeartbeatSeconds: env.QUEUE_HEARTBEAT_S,
    // Runs are traced by hand as root spans (decision 0006); pg-boss's spans would wrap them.
    openTelemetry: { enabled: false },
  });
  boss.on("error", (error) => log.error({ err: error }, "run queue error"));
  boss.on("warning", ({ message, data }) => log.warn({ data }, message));
  let workId: string | undefined;

  return {
    /** Installs or migrates pg-boss's schema, creates the queue and applies our options to it (also to one created before). */
    async start() {
      await boss.start();
      const options = {
        heartbeatSeconds: env.QUEUE_HEARTBEAT_S,
        expireInSeconds: Math.min(env.RUN_TIMEOUT_CAP_S + EXPIRE_MARGIN_S, MAX_EXPIRE_S),
        retryLimit: env.RUN_MAX_ATTEMPTS - 1,
        retryDelay: 0,
        deleteAfterSeconds: KEEP_ENDED_JOBS_S,
        notify: listens,
      };
      await boss.createQueue(name, options);
      await boss.updateQueue(name, options);
    },

    /**
     * One job per run, in one statement on `db`: the caller's transaction client, so the jobs exist
     * exactly when its runs do. A job's id is the caller's (stored with its run, to cancel it).
     */
    async enqueue(db: Queryable, jobs: { runId: string; jobId: string }[]) {
      if (jobs.length === 0) return;
      await boss.insert(
        name,
        jobs.map(({ runId, jobId }) => ({ id: jobId, data: { runId } })),
        { db: onConnection(db) },
      );
    },

    /** Wakes this process's worker for a job just committed: without LISTEN/NOTIFY it would find it at its next poll. */
    wake() {
      if (workId) boss.notifyWorker(workId);
    },

    /**
     * Takes jobs `concurrency` at a time and runs `handler` for each. A handler that returns completes
     * its job; one that throws hands the run to another attempt (up to RUN_MAX_ATTEMPTS), so a run that
     * fails for its own reasons must be ended by the handler, not thrown.
     */
    async work(concurrency: number, handler: (job: RunJob) => Promise<void>) {
      workId = await boss.work<z.input<typeof jobData>>(
        name,
        {
          localConcurrency: concurrency,
          pollingIntervalSeconds: POLL_S,
          notifyPollingIntervalSeconds: RETRY_POLL_S,
          burstWhenReadyExceeds: 1,
        },
        async ([job]) => {
          const { runId } = jobData.parse(job!.data);
          await handler({ runId, attempt: job!.retryCount + 1, signal: job!.signal });
        },
      );
    },

    /** Cancels a job not yet ended; a worker holding it sees its signal aborted at its next heartbeat. */
    async cancel(jobId: string) {
      await boss.cancel(name, jobId);
    },

    async stats(): Promise<RunQueueStats> {
      const [queue, instances] = await Promise.all([boss.getQueue(name), boss.getInstances()]);
      const workers = instances
        .filter((instance) => instance.live)
        .flatMap((instance) =>
          instance.workers
            .filter((worker) => worker.queue === name)
            .map((worker) => ({
              instance: instance.name ?? instance.id,
              host: instance.host,
              pid: instance.pid,
              concurrency: worker.localConcurrency,
              active: worker.active,
              seenAt: instance.heartbeatOn,
            })),
        );
      return { queued: queue?.queuedCount ?? 0, active: queue?.activeCount ?? 0, workers };
    },

    /**
     * Takes no new job from now on, gives the running handlers `graceMs` (at least 1 s) to finish,
     * then aborts their signals and puts their jobs back for another worker (it counts as an attempt);
     * closes pg-boss's own connections.
     */
    async stop({ graceMs }: { graceMs: number }) {
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}

export type RunQueue = ReturnType<typeof createRunQueue>;
