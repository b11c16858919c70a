import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/env";
import type { Instance } from "./cleanup";

// Stable across restarts of one server (same host, same port) and distinct between servers on one host.
const name = env.INSTANCE_NAME ?? `${hostname()}:${process.env.PORT ?? 3000}`;

// On globalThis: Next bundles this module into several chunks (the routes that start runs, the
// housekeeping), and they must all be the one process.
const globalForInstance = globalThis as { agentStudioInstance?: Instance };

/** This process, as it signs the runs it executes and its heartbeats. */
export const INSTANCE: Instance = (globalForInstance.agentStudioInstance ??= { id: `${name}/${randomUUID().slice(0, 8)}`, name });
