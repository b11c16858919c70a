import "server-only";
import { logger } from "@/lib/log";
import { runtime } from "./runtime";

/**
 * SIGTERM / SIGINT: refuse new runs (503), let running ones finish within SHUTDOWN_GRACE_S, hand the
 * rest over to be resumed from their journal, then exit. Installed only where Next leaves signals to the app
 * (NEXT_MANUAL_SIG_HANDLE, set by `npm start` and `npm run start:prod`); otherwise Next exits at once.
 */
export function handleShutdownSignals(beforeExit: () => Promise<unknown> = async () => {}) {
  const log = logger.child({ job: "shutdown" });
  const { env, active } = runtime();
  const shutdown = async (signal: NodeJS.Signals) => {
    log.info(
      { signal, running: active.ids().length, graceS: env.SHUTDOWN_GRACE_S },
      "shutting down: new runs refused, waiting for running ones",
    );
    const { finished, handedOver } = await active.drain(env.SHUTDOWN_GRACE_S * 1000);
    log.info({ finished, handedOver }, "runs settled or handed over; exiting");
    await beforeExit().catch((error: unknown) => log.warn({ err: error }, "flushing before exit failed"));
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, (received) => void shutdown(received));
}
