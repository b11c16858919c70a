/** Runs once per server instance at start: the periodic housekeeping of runs and sessions. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHousekeeping } = await import("./lib/runs/housekeeping");
  startHousekeeping();
}
