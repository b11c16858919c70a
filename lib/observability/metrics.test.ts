import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { limitChat } from "@/lib/http/rate-limit";
import { readEvents } from "@/lib/runs/event-store";
import { runtime } from "@/lib/runs/runtime";
import { startRun } from "@/lib/runs/service";
import { renderMetrics } from "./metrics";
import { observeToolCall } from "./tools";

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (no escaped quotes in our label values). */
function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [, name, labels = "", value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return {
        name: name!,
        labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
        value: Number(value),
      };
    });
}

/** The value of one series, 0 when it has no sample yet. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  const sample = samples.find(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()),
  );
  return sample?.value ?? 0;
}

const scrape = async (activeStreams = 0) => parse(await renderMetrics({ activeStreams, activeRuns: 0, queuedRuns: 0, maxActiveRuns: 1 }));

let caller: { id: string; email: string; role: "USER" };
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `metrics-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
afterAll(async () => {
  await runtime().close();
  await db.$disconnect();
});

describe("metrics", () => {
  it("count a run by agent and status, its duration, its tokens and its tool calls", async () => {
    const before = await scrape();
    const { runId, finished } = await startRun({ agent: "country-analyst", caller, query: "Tell me about Japan" });
    const outcome = (await finished)!;
    expect(outcome.status).toBe("succeeded");
    const after = await scrape();
    const delta = (name: string, labels?: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(delta("agent_studio_runs_total", { agent: "country-analyst", status: "succeeded" })).toBe(1);
    expect(delta("agent_studio_run_duration_seconds_count", { agent: "country-analyst" })).toBe(1);
    expect(delta("agent_studio_run_duration_seconds_sum", { agent: "country-analyst" })).toBeGreaterThanOrEqual(outcome.durationMs / 1000);
    expect(delta("agent_studio_tokens_total", { agent: "country-analyst", direction: "input" })).toBe(outcome.usage.input_tokens);
    expect(delta("agent_studio_tokens_total", { agent: "country-analyst", direction: "output" })).toBe(outcome.usage.output_tokens);

    // One count per tool_result the run reported.
    const results = (await readEvents(pool, runId)).filter((event) => event.type === "tool_result");
    expect(results.length).toBeGreaterThan(0);
    for (const tool of new Set(results.map((result) => result.tool))) {
      const calls = results.filter((result) => result.tool === tool).length;
      expect(delta("agent_studio_tool_calls_total", { tool, success: "true" })).toBe(calls);
      expect(delta("agent_studio_tool_duration_seconds_count", { tool })).toBe(calls);
    }
  });

  it("count a failed tool call as success=false, and let its error through", async () => {
    const call = observeToolCall("mcp:everything/echo", "everything", "call-1", async () => {
      throw new Error("server gone");
    });
    await expect(call).rejects.toThrow("server gone");
    const samples = await scrape();
    expect(valueOf(samples, "agent_studio_tool_calls_total", { tool: "mcp:everything/echo", success: "false" })).toBe(1);
    expect(valueOf(samples, "agent_studio_tool_calls_total", { tool: "mcp:everything/echo", success: "true" })).toBe(0);
  });

  it("count rate-limit rejections by limit", async () => {
    const limited = `limited-${Date.now()}`;
    for (let i = 0; i < env.RATE_LIMIT_CHAT_PER_MIN; i++) await limitChat(limited);
    await expect(limitChat(limited)).rejects.toMatchObject({ code: "rate_limited" });
    expect(valueOf(await scrape(), "agent_studio_rate_limit_rejections_total", { limit: "chat" })).toBe(1);
  });

  it("report active streams, running and queued runs and the cap as given at scrape time", async () => {
    expect(valueOf(await scrape(3), "agent_studio_active_streams")).toBe(3);
    expect(valueOf(await scrape(0), "agent_studio_active_streams")).toBe(0);
    const load = parse(await renderMetrics({ activeStreams: 0, activeRuns: 4, queuedRuns: 2, maxActiveRuns: 4 }));
    expect(
      ["agent_studio_active_runs", "agent_studio_queued_runs", "agent_studio_max_active_runs"].map((name) => valueOf(load, name)),
    ).toEqual([4, 2, 4]);
  });

  it("show the run queue's figures only when given them, and a worker's only while it is listed", async () => {
    const load = { activeStreams: 0, activeRuns: 0, queuedRuns: 0, maxActiveRuns: 1 };
    const worker = (instance: string, active: number) => ({ instance, concurrency: 4, active });
    const queue = { waiting: 3, active: 2, oldestWaitMs: 1_500, retriedLastHour: 1, workers: [worker("w1", 2), worker("w2", 0)] };
    const withQueue = parse(await renderMetrics(load, queue));
    expect(
      [
        "agent_studio_run_queue_waiting",
        "agent_studio_run_queue_active",
        "agent_studio_run_queue_oldest_wait_seconds",
        "agent_studio_runs_retried_last_hour",
      ].map((name) => valueOf(withQueue, name)),
    ).toEqual([3, 2, 1.5, 1]);
    expect(withQueue.filter((s) => s.name.startsWith("agent_studio_worker_"))).toEqual([
      { name: "agent_studio_worker_active_runs", labels: { worker: "w1" }, value: 2 },
      { name: "agent_studio_worker_active_runs", labels: { worker: "w2" }, value: 0 },
      { name: "agent_studio_worker_concurrency", labels: { worker: "w1" }, value: 4 },
      { name: "agent_studio_worker_concurrency", labels: { worker: "w2" }, value: 4 },
    ]);

    const w1Gone = parse(await renderMetrics(load, { ...queue, oldestWaitMs: null, workers: [worker("w2", 1)] }));
    expect(valueOf(w1Gone, "agent_studio_run_queue_oldest_wait_seconds")).toBe(0);
    expect(w1Gone.filter((s) => s.labels.worker === "w1")).toEqual([]);
    expect(valueOf(w1Gone, "agent_studio_worker_active_runs", { worker: "w2" })).toBe(1);

    const inline = await renderMetrics(load);
    expect(inline).not.toMatch(/agent_studio_(run_queue|worker|runs_retried)_/);
  });
});
