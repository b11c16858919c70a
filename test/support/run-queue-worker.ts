/**
 * A worker process for lib/runs/queue.test.ts: takes the jobs of the queue named in argv[2], one at a
 * time, and tells its parent (over IPC) when it is ready and which run and attempt each job is. A
 * job's handler runs until the job is taken from it: a run that outlives its worker.
 * Started with tsx and `--conditions=react-server` (queue.ts is server-only).
 */
import { createPool } from "@/lib/db/prisma";
import { parseEnv } from "@/lib/env";
import { createRunQueue } from "@/lib/runs/queue";

const queue = createRunQueue({ env: parseEnv(), pool: createPool(process.env.DATABASE_URL!), name: process.argv[2] });
await queue.start();
await queue.work(1, ({ runId, attempt, signal }) => {
  process.send!({ runId, attempt });
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve()));
});
process.send!({ ready: true });
