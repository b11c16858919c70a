/**
 * `npm run worker`, and `node worker.mjs` in the Docker image: a process that only executes runs,
 * taken from the run queue (RUN_EXECUTOR=pgboss) WORKER_CONCURRENCY at a time; it serves no HTTP.
 * Applies pending migrations first (under the same lock as the web server). SIGTERM / SIGINT: it
 * takes no new job, its runs finish within SHUTDOWN_GRACE_S or go on on another worker from their
 * journal. Bundled by scripts/build-standalone.ts into .next/standalone/worker.mjs.
 */
import { hostname } from "node:os";
import path from "node:path";
import nextEnv from "@next/env";
import { applyMigrations } from "../lib/db/migrations";
import { parseEnv, type Env } from "../lib/env";

function fail(message: string): never {
  console.error(`agent-studio worker: ${message}`);
  process.exit(1);
}

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
let env: Env;
try {
  env = parseEnv();
} catch (error) {
  fail((error as Error).message);
}
if (!env.DATABASE_URL) fail("DATABASE_URL is required: workers share the web server's PostgreSQL.");
if (env.RUN_EXECUTOR !== "pgboss") fail('RUN_EXECUTOR must be "pgboss": with "inline", runs execute where they are started.');

try {
  // Run from the project's folder, or from the image's (.next/standalone), which has them too.
  await applyMigrations(env.DATABASE_URL, path.resolve("prisma", "migrations"));
} catch (error) {
  fail(`${(error as Error).message}; not starting.`);
}

const { createRuntime, installRuntime } = await import("../lib/runs/runtime");
const { startHousekeeping } = await import("../lib/runs/housekeeping");
const { handleShutdownSignals } = await import("../lib/runs/shutdown");
const { startWorking } = await import("../lib/runs/workers");

// A worker's own name unless given one: never a web server's (host:port), whose runs it would take for its own.
const rt = installRuntime(createRuntime({ ...env, INSTANCE_NAME: env.INSTANCE_NAME ?? `${hostname()}:worker:${process.pid}` }));
startHousekeeping();
handleShutdownSignals();
await startWorking(rt);
console.log(`agent-studio worker: ready, taking runs from the run queue ${env.WORKER_CONCURRENCY} at a time as ${rt.instance.id}`);
