import "server-only";
import { loadRuntime, type Runtime } from "@/lib/agent/runtime";

const globalForRuntime = globalThis as { agentStudioRuntime?: Promise<Runtime> };

/** The app's agents, loaded once per process on first use. */
export function getRuntime(): Promise<Runtime> {
  globalForRuntime.agentStudioRuntime ??= loadRuntime();
  return globalForRuntime.agentStudioRuntime;
}
