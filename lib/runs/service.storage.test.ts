import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { readEvents, type StoredEvent } from "./event-store";
import { env } from "@/lib/env";
import { createRuntime, installRuntime } from "./runtime";
import { cancelRun, startRun } from "./service";

// The event log's statement, made to fail on demand; everything else is the app's own wiring.
const storage = vi.hoisted(() => ({ failWith: undefined as ((rows: StoredEvent[]) => unknown) | undefined, failures: 0 }));
vi.mock("./event-store", async (importOriginal) => {
  const original = await importOriginal<typeof import("./event-store")>();
  return {
    ...original,
    insertEvents: async (...args: Parameters<typeof original.insertEvents>) => {
      const failure = storage.failWith?.(args[1]);
      if (failure) {
        storage.failures += 1;
        throw failure;
      }
      return original.insertEvents(...args);
    },
  };
});

// How long the writer retries while storage is down: far beyond this file's runs.
const runtime = installRuntime(createRuntime({ ...env, EVENT_STORE_RETRY_S: 30 }));

let caller: Caller;
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `storage-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
afterAll(async () => {
  await runtime.close();
  await pool.end();
});

describe("a run whose events cannot be stored", () => {
  it("fails at once with INTERNAL on a bug in storing them (not an outage), and ends with a stored error event", async () => {
    storage.failures = 0;
    storage.failWith = () => new TypeError("Cannot read properties of undefined (reading 'toISOString')");
    try {
      const { runId, finished } = await startRun({ agent: "assistant", caller, query: "What is (12 + 30) * 2?" });
      expect(await finished).toMatchObject({ status: "failed", error: { code: "INTERNAL" } });
      // Not retried: the first batch failed and the run stopped storing.
      expect(storage.failures).toBe(1);
      const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run).toMatchObject({ status: "FAILED", errorCode: "INTERNAL" });
      expect(await readEvents(pool, runId)).toEqual([{ type: "error", code: "INTERNAL", message: expect.any(String), seq: 1 }]);
    } finally {
      storage.failWith = undefined;
    }
  });

  it("is cancelled while its storage is down: it ends then, not when the writer gives up on storage", async () => {
    storage.failures = 0;
    storage.failWith = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    try {
      const { runId, finished } = await startRun({ agent: "assistant", caller, query: "What is (12 + 30) * 2?" });
      // Storage is down and the writer retrying, which it would go on doing for 30 s.
      await vi.waitFor(() => expect(storage.failures).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 10 });
      const cancelledAt = performance.now();
      await cancelRun(caller, runId);
      expect(await finished).toMatchObject({ status: "failed", error: { code: "INTERNAL" } });
      // Ended by the cancel: 5 s is ample room for a loaded machine and far from those 30 s. That it
      // does not wait out the pause between two tries either is shown by the event writer's tests.
      expect(performance.now() - cancelledAt).toBeLessThan(5_000);
    } finally {
      storage.failWith = undefined;
    }
  });
});
