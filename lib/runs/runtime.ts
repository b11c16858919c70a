import "server-only";
import { databaseUrl, poolsFor, type Pools } from "@/lib/db/pool";
import { env as processEnv, type Env } from "@/lib/env";
import { resolveModel } from "@/lib/llm/providers";
import { redisFor } from "@/lib/redis";
import { createActiveRuns } from "./active-runs";
import { createAdmission } from "./admission";
import { loadAgentSet, modelSettings, type AgentSet } from "./agents";
import { createBus } from "./bus";
import { createEventLog } from "./event-log";
import { createGroupCommit } from "./group-commit";
import { createInstance } from "./instance";
import { createChannels } from "./live";
import { createRunQueue, type RunQueue } from "./queue";
import { insertRunStarts, type RunStart } from "./run-store";

/**
 * The composition root: every part of the run pipeline a process needs, built from one `Env`, the
 * same way in the web server, a worker and a test. Nothing in lib/runs configures itself from the
 * environment; it asks `runtime()` for its parts.
 */
export function createRuntime(env: Env) {
  const db = poolsFor(databaseUrl(env));
  const redis = env.REDIS_URL ? redisFor(env.REDIS_URL, env.REDIS_COMMAND_TIMEOUT_MS) : undefined;
  const bus = createBus(redis);
  const active = createActiveRuns();
  const channels = createChannels();
  const instance = createInstance(env);
  // RUN_EXECUTOR=pgboss: runs wait as jobs for any worker; started (its schema installed) on first use.
  // Its workers are named as this process signs its runs, so the two match.
  const queue =
    env.RUN_EXECUTOR === "pgboss" ? createRunQueue({ env: { ...env, INSTANCE_NAME: instance.name }, pool: db.pool }) : undefined;
  let started: Promise<RunQueue> | undefined;
  const startedQueue = () => queue && (started ??= queue.start().then(() => queue));
  let agents: { set: Promise<AgentSet>; at: number } | undefined;
  const loadAgents = () => (agents ??= { set: loadAgentSet(env, redis), at: Date.now() });
  return {
    env,
    instance,
    db,
    redis,
    bus,
    active,
    channels,
    writer: createEventLog({ env, db, bus, channels, active }),
    /** MAX_ACTIVE_RUNS: runs beyond it wait as QUEUED. */
    admission: createAdmission(env.MAX_ACTIVE_RUNS),
    /** Runs starting together, a burst of users, are stored by one statement. */
    startRunRow: createGroupCommit(
      (starts: RunStart[]) => (queue ? insertWithJobs(db, startedQueue()!, starts) : insertRunStarts(db.pool, starts)),
      env.DB_BATCH_ROWS,
    ),
    /** The run queue, started; none when runs execute where they are started (RUN_EXECUTOR=inline). */
    queue: async () => startedQueue(),
    /** The agents, loaded once on first use. */
    agents: () => loadAgents().set,
    /** When the agents were loaded (ms since the epoch). */
    agentsLoadedAt: () => loadAgents().at,
    /** Takes no new job from the run queue; gives the jobs running here `graceMs`, then puts them back. */
    async stopQueue(graceMs: number) {
      if (started) await (await started).stop({ graceMs });
    },
    /** Closes what this runtime opened itself (MCP connections, the queue); pools and Redis are the process's. */
    async close() {
      if (agents) await (await agents.set).mcp.close();
      if (started) await (await started).stop({ graceMs: 0 });
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;

/** Runs and their jobs in one transaction: a run never lacks its job, nor a job its run. */
async function insertWithJobs({ pool }: Pools, queue: Promise<RunQueue>, starts: RunStart[]) {
  const runQueue = await queue;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const started = await insertRunStarts(client, starts);
    const jobs = started.flatMap((run, i) => (run ? [{ runId: run.runId, jobId: starts[i]!.jobId! }] : []));
    await runQueue.enqueue(client, jobs);
    await client.query("COMMIT");
    runQueue.wake();
    return started;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

// On globalThis: Next bundles lib/ into several chunks (routes, pages, instrumentation), which must share one runtime.
const globalForRuntime = globalThis as { agentStudioRuntime?: Runtime };

/** This process's runtime: the one installed by `installRuntime`, else one built from the environment on first use. */
export function runtime(): Runtime {
  return (globalForRuntime.agentStudioRuntime ??= createRuntime(processEnv));
}

/** Installs `built` as this process's runtime (a worker, a test that needs other settings). */
export function installRuntime(built: Runtime) {
  globalForRuntime.agentStudioRuntime = built;
  return built;
}

/**
 * The model that answers for an agent's `model` (`id`): itself, or the demo model standing in without
 * its provider's key, which `missing` names.
 */
export function answeringModel(spec: string) {
  const { id, missing } = resolveModel(spec, modelSettings(runtime().env));
  return { id, missing };
}
