import "server-only";
import { logger } from "@/lib/log";
import { runtime } from "./runtime";

/**
 * SIGTERM / SIGINT: refuse new runs (503) and take no new job from the run queue, let running ones
 * finish within SHUTDOWN_GRACE_S, hand the rest over to be resumed from their journal, then exit. Installed only where Next leaves signals to the app
 * (NEXT_MANUAL_SIG_HANDLE, set by `npm start` and `npm run start:prod`); otherwise Next exits at once.
 */
// How long past the grace the queue waits for the jobs of runs being handed over.
const DRAIN_MARGIN_MS = 15_000;

export function handleShutdownSignals(beforeExit: () => Promise<unknown> = async () => {}) {
  const log = logger.child({ job: "shutdown" });
  const rt = runtime();
  const { env, active } = rt;
  const shutdown = async (signal: NodeJS.Signals) => {
    log.info(
      { signal, running: active.ids().length, graceS: env.SHUTDOWN_GRACE_S },
      "shutting down: new runs refused, waiting for running ones",
    );
    const graceMs = env.SHUTDOWN_GRACE_S * 1000;
    // The run queue's jobs stop coming at once; the runs of those here are handed over with the rest,
    // their jobs then going to another worker.
    const [{ finished, handedOver }] = await Promise.all([active.drain(graceMs), rt.stopQueue(graceMs + DRAIN_MARGIN_MS)]);
    log.info({ finished, handedOver }, "runs settled or handed over; exiting");
    await beforeExit().catch((error: unknown) => log.warn({ err: error }, "flushing before exit failed"));
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, (received) => void shutdown(received));
}
