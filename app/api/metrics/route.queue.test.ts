import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const TOKEN = "metrics-token-for-the-tests-0123456789";

// METRICS_TOKEN is read when lib/env loads: stubbed before the route's modules are.
vi.stubEnv("METRICS_TOKEN", TOKEN);
const { GET } = await import("./route");
const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/env");
const { createRuntime, installRuntime } = await import("@/lib/runs/runtime");
const { cancelRun, followOutcome, startRun } = await import("@/lib/runs/service");
const { startWorking } = await import("@/lib/runs/workers");

// RUN_EXECUTOR=pgboss, one run at a time, under a name of our own: the worker's series carry it.
const worker = `metrics-worker-${randomBytes(3).toString("hex")}`;
const rt = installRuntime(createRuntime({ ...env, RUN_EXECUTOR: "pgboss", WORKER_CONCURRENCY: 1, INSTANCE_NAME: worker }));

let caller: { id: string; email: string; role: "USER" };
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `metrics-queue-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
afterAll(async () => {
  await rt.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

type Sample = { name: string; labels: string; value: number };

async function scrape(): Promise<Sample[]> {
  const response = await GET(new Request("http://localhost/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } }), {
    params: Promise.resolve({}),
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [, name, labels = "", value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return { name: name!, labels, value: Number(value) };
    });
}

const find = (samples: Sample[], name: string, labels = "") => samples.find((s) => s.name === name && s.labels === labels);

/**
 * A scrape once `wanted` holds, or the last one after a generous bound, with when it began. Queue
 * counts come from pg-boss's monitor pass (every 2 s), workers from its registry heartbeat (QUEUE_HEARTBEAT_S).
 */
async function scrapeWhen(wanted: (samples: Sample[]) => boolean) {
  const deadline = Date.now() + 4 * env.QUEUE_HEARTBEAT_S * 1000;
  for (;;) {
    const at = Date.now();
    const samples = await scrape();
    if (wanted(samples) || Date.now() > deadline) return { at, samples };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("GET /api/metrics with RUN_EXECUTOR=pgboss", () => {
  // Before any worker works: the run waits, and is cancelled there.
  it("counts a run of the last hour that began more than one execution as retried", async () => {
    const { runId } = await startRun({ agent: "assistant", caller, query: "What is 5 * 5?" });
    try {
      const retried = async () => find(await scrape(), "agent_studio_runs_retried_last_hour")!.value;
      const before = await retried();
      await db.run.update({ where: { id: runId }, data: { attempts: 2 } });
      expect(await retried()).toBe(before + 1);
    } finally {
      await cancelRun(caller, runId);
    }
  });
  it("shows a run waiting for a worker and how long it has, then the worker that takes it with its concurrency", async () => {
    const { runId } = await startRun({ agent: "assistant", caller, query: "What is 6 * 7?" });
    const { createdAt } = await db.run.findUniqueOrThrow({ where: { id: runId } });

    const queued = await scrapeWhen((samples) => find(samples, "agent_studio_run_queue_waiting")!.value >= 1);
    expect(find(queued.samples, "agent_studio_run_queue_waiting")!.value).toBeGreaterThanOrEqual(1);
    // The oldest waiting run is ours or older.
    expect(find(queued.samples, "agent_studio_run_queue_oldest_wait_seconds")!.value).toBeGreaterThanOrEqual(
      (queued.at - createdAt.getTime()) / 1000,
    );
    expect(queued.samples.filter((s) => s.labels.includes(worker))).toEqual([]);

    await startWorking(rt);
    const label = `worker="${worker}"`;
    const working = await scrapeWhen((samples) => find(samples, "agent_studio_worker_concurrency", label) !== undefined);
    expect(find(working.samples, "agent_studio_worker_concurrency", label)!.value).toBe(1);
    expect(find(working.samples, "agent_studio_worker_active_runs", label)).toBeDefined();
    expect(find(working.samples, "agent_studio_run_queue_active")).toBeDefined();
    expect((await followOutcome(runId)).status).toBe("succeeded");
  }, 120_000);
});
