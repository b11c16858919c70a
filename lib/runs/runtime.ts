import "server-only";
import { createPrismaMemory } from "@/lib/agent/memory/prisma";
import { loadRuntime, type Runtime } from "@/lib/agent/runtime";
import { db } from "@/lib/db/client";

const globalForRuntime = globalThis as { agentStudioRuntime?: Promise<Runtime> };

/** The app's agents, loaded once per process on first use, remembering in the database. */
export function getRuntime(): Promise<Runtime> {
  globalForRuntime.agentStudioRuntime ??= loadRuntime(createPrismaMemory(db));
  return globalForRuntime.agentStudioRuntime;
}
