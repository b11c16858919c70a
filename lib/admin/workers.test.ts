import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createRuntime, installRuntime, type Runtime } from "@/lib/runs/runtime";
import { startWorking } from "@/lib/runs/workers";
import { ago, workersOverview } from "./workers";

let pgboss: Runtime | undefined;
afterAll(async () => {
  await pgboss?.close();
  await db.$disconnect();
});

describe("the admin overview's workers", () => {
  it("say how long ago a time was, in the largest whole unit", () => {
    const now = new Date("2026-12-08T12:00:00Z");
    const before = (seconds: number) => ago(new Date(now.getTime() - seconds * 1000), now);
    expect([0.4, 1, 59, 60, 3_599, 3_600, 86_399, 86_400 * 3].map(before)).toEqual([
      "just now",
      "1 s ago",
      "59 s ago",
      "1 min ago",
      "59 min ago",
      "1 h ago",
      "23 h ago",
      "3 d ago",
    ]);
    // A heartbeat stamped by a database clock slightly ahead of this host's.
    expect(before(-2)).toBe("just now");
  });

  it("are none when runs execute inline", async () => {
    installRuntime(createRuntime({ ...env, RUN_EXECUTOR: "inline" }));
    expect(await workersOverview()).toBeUndefined();
  });

  it("list a worker taking the run queue's jobs: its name, host, concurrency, active runs and when it was last seen", async () => {
    const name = `admin-worker-${randomBytes(3).toString("hex")}`;
    pgboss = installRuntime(createRuntime({ ...env, RUN_EXECUTOR: "pgboss", WORKER_CONCURRENCY: 3, INSTANCE_NAME: name }));
    await startWorking(pgboss);
    // Workers are listed from pg-boss's registry, written every QUEUE_HEARTBEAT_S.
    const deadline = Date.now() + 4 * env.QUEUE_HEARTBEAT_S * 1000;
    let overview = await workersOverview();
    while (!overview?.workers.some((worker) => worker.instance === name) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      overview = await workersOverview();
    }
    expect(overview).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number), retriedLastHour: expect.any(Number) });
    expect(overview!.workers.find((worker) => worker.instance === name)).toMatchObject({
      host: hostname(),
      pid: process.pid,
      concurrency: 3,
      active: expect.any(Number),
      lastSeen: expect.stringMatching(/^(just now|\d+ s ago)$/),
    });
  }, 120_000);
});
