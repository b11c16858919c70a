import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { activeRunCount, drain } from "./active-runs";

/**
 * SIGTERM / SIGINT: refuse new runs (503), let running ones finish within SHUTDOWN_GRACE_S, end the
 * rest with INTERRUPTED, then exit. Installed only where Next leaves signals to the app
 * (NEXT_MANUAL_SIG_HANDLE, set by `npm start` and `npm run start:prod`); otherwise Next exits at once.
 */
export function handleShutdownSignals(beforeExit: () => Promise<unknown> = async () => {}) {
  const log = logger.child({ job: "shutdown" });
  const shutdown = async (signal: NodeJS.Signals) => {
    log.info(
      { signal, running: activeRunCount(), graceS: env.SHUTDOWN_GRACE_S },
      "shutting down: new runs refused, waiting for running ones",
    );
    const { finished, interrupted } = await drain(env.SHUTDOWN_GRACE_S * 1000);
    log.info({ finished, interrupted }, "runs settled; exiting");
    await beforeExit().catch((error: unknown) => log.warn({ err: error }, "flushing before exit failed"));
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, (received) => void shutdown(received));
}
