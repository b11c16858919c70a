/** Runs once per server instance at start: housekeeping of runs and sessions, graceful shutdown. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHousekeeping } = await import("./lib/runs/housekeeping");
  startHousekeeping();
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { handleShutdownSignals } = await import("./lib/runs/shutdown");
    handleShutdownSignals();
  }
}
