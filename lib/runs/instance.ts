import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Env } from "@/lib/env";
import type { Instance } from "./cleanup";

/**
 * This process, as it signs the runs it executes and its heartbeats. The name is stable across
 * restarts of one server (same host, same port) and distinct between servers on one host.
 */
export function createInstance(env: Pick<Env, "INSTANCE_NAME">): Instance {
  const name = env.INSTANCE_NAME ?? `${hostname()}:${process.env.PORT ?? 3000}`;
  return { id: `${name}/${randomUUID().slice(0, 8)}`, name };
}
