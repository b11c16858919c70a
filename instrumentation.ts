/** Runs once per server instance at start: tracing (when configured), housekeeping of runs and sessions, taking runs from the run queue (unless RUN_WORKERS=false), graceful shutdown. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTracing } = await import("./lib/observability/setup");
  const tracing = startTracing();
  const { startHousekeeping } = await import("./lib/runs/housekeeping");
  startHousekeeping();
  const { env } = await import("./lib/env");
  if (env.RUN_EXECUTOR === "pgboss" && env.RUN_WORKERS) {
    const [{ runtime }, { startWorking }] = await Promise.all([import("./lib/runs/runtime"), import("./lib/runs/workers")]);
    await startWorking(runtime());
  }
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { handleShutdownSignals } = await import("./lib/runs/shutdown");
    // Spans still queued would be lost with the process.
    handleShutdownSignals(async () => tracing?.forceFlush());
  }
}
