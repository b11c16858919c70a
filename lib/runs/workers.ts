import "server-only";
import { HANDED_OVER } from "./active-runs";
import { listenForCancels } from "./cancels";
import { launchStored } from "./execute";
import type { RunJob } from "./queue";
import { takeRun } from "./run-store";
import type { Runtime } from "./runtime";

/**
 * RUN_EXECUTOR=pgboss: this process works off the run queue, WORKER_CONCURRENCY runs at a time. A
 * job's first attempt starts its run; a later one (its worker stopped heartbeating, or shut down
 * past its grace) resumes it from its journal.
 */
export async function startWorking(rt: Runtime) {
  const queue = await rt.queue();
  if (!queue) throw new Error("RUN_EXECUTOR is not pgboss: there is no run queue to work off.");
  await listenForCancels(rt);
  await queue.work(rt.env.WORKER_CONCURRENCY, (job) => executeJob(rt, job));
}

/** Executes the job's run until it ends here, or until this worker loses the job: then it is handed over. */
async function executeJob(rt: Runtime, { runId, attempt, signal }: RunJob) {
  // Shutting down: a job fetched meanwhile goes to another worker, untouched.
  if (rt.active.draining) throw new RunHandedOver(runId);
  const run = await takeRun(rt.db.pool, runId, rt.instance.id, attempt);
  // Ended meanwhile (cancelled while queued), or a newer attempt has it.
  if (!run) return;
  const launched = await launchStored(rt, run, "taken");
  if (!launched) return;
  const { controller, finished } = launched;
  const handOver = () => controller.abort(HANDED_OVER);
  signal.addEventListener("abort", handOver, { once: true });
  try {
    await finished;
  } finally {
    signal.removeEventListener("abort", handOver);
  }
  // Not done here: the job fails, so another worker takes it with the next attempt.
  if (controller.signal.reason === HANDED_OVER) throw new RunHandedOver(runId);
}

class RunHandedOver extends Error {
  override readonly name = "RunHandedOver";
  constructor(runId: string) {
    super(`Run ${runId} was handed over to another worker.`);
  }
}
