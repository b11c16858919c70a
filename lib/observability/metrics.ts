import "server-only";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The app's Prometheus metrics. They are per process: with N instances, Prometheus scrapes each
 * one's /api/metrics and sums across them (the series carry its `instance` label).
 */
function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    runs: new Counter({
      name: "agent_studio_runs_total",
      help: "Runs ended, by agent and final status.",
      labelNames: ["agent", "status"],
      registers,
    }),
    runDuration: new Histogram({
      name: "agent_studio_run_duration_seconds",
      help: "How long runs took, start to stored result.",
      labelNames: ["agent"],
      buckets: [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
      registers,
    }),
    tokens: new Counter({
      name: "agent_studio_tokens_total",
      help: "Model tokens used by runs.",
      labelNames: ["agent", "direction"],
      registers,
    }),
    toolCalls: new Counter({
      name: "agent_studio_tool_calls_total",
      help: "Tool calls, by tool and outcome.",
      labelNames: ["tool", "success"],
      registers,
    }),
    toolDuration: new Histogram({
      name: "agent_studio_tool_duration_seconds",
      help: "How long tool calls took.",
      labelNames: ["tool"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers,
    }),
    activeStreams: new Gauge({ name: "agent_studio_active_streams", help: "Streams following a run in this process.", registers }),
    activeRuns: new Gauge({ name: "agent_studio_active_runs", help: "Runs executing in this process.", registers }),
    queuedRuns: new Gauge({ name: "agent_studio_queued_runs", help: "Runs waiting for an execution slot in this process.", registers }),
    maxActiveRuns: new Gauge({
      name: "agent_studio_max_active_runs",
      help: "Runs this process executes at once (MAX_ACTIVE_RUNS).",
      registers,
    }),
    rateLimitRejections: new Counter({
      name: "agent_studio_rate_limit_rejections_total",
      help: "Requests refused with 429, by limit.",
      labelNames: ["limit"],
      registers,
    }),
    queue: createQueueMetrics(),
  };
}

/**
 * The run queue's series (RUN_EXECUTOR=pgboss), in a registry of their own that a scrape shows only
 * when it has queue figures. They are queue-wide, the same on every instance: aggregate them across
 * instances with max, not sum.
 */
function createQueueMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    waiting: new Gauge({ name: "agent_studio_run_queue_waiting", help: "Runs waiting in the run queue for a worker.", registers }),
    active: new Gauge({ name: "agent_studio_run_queue_active", help: "Runs of the run queue being executed by a worker.", registers }),
    oldestWait: new Gauge({
      name: "agent_studio_run_queue_oldest_wait_seconds",
      help: "How long the oldest run waiting for a worker has waited (0 when none waits).",
      registers,
    }),
    retried: new Gauge({
      name: "agent_studio_runs_retried_last_hour",
      help: "Runs created in the last hour whose execution began more than once (taken over after their worker died or stopped).",
      registers,
    }),
    // `worker`, not `instance`: Prometheus gives every series the scraped target's `instance` label.
    workerActive: new Gauge({
      name: "agent_studio_worker_active_runs",
      help: "Runs a worker is executing, by worker (its INSTANCE_NAME, or pg-boss's id for it).",
      labelNames: ["worker"],
      registers,
    }),
    workerConcurrency: new Gauge({
      name: "agent_studio_worker_concurrency",
      help: "Runs a worker executes at once (WORKER_CONCURRENCY), by worker.",
      labelNames: ["worker"],
      registers,
    }),
  };
}

// Next bundles modules into several chunks: each must count into the same registry.
const globalForMetrics = globalThis as { agentStudioMetrics?: ReturnType<typeof createMetrics> };
const metrics = (globalForMetrics.agentStudioMetrics ??= createMetrics());

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

type RunMeasurement = { agent: string; status: string; seconds: number; usage?: { input_tokens: number; output_tokens: number } };

export function recordRun({ agent, status, seconds, usage }: RunMeasurement) {
  metrics.runs.inc({ agent, status });
  metrics.runDuration.observe({ agent }, seconds);
  if (!usage) return;
  metrics.tokens.inc({ agent, direction: "input" }, usage.input_tokens);
  metrics.tokens.inc({ agent, direction: "output" }, usage.output_tokens);
}

export function recordToolCall(tool: string, success: boolean, seconds: number) {
  metrics.toolCalls.inc({ tool, success: String(success) });
  metrics.toolDuration.observe({ tool }, seconds);
}

export function recordRateLimitRejection(limit: string) {
  metrics.rateLimitRejections.inc({ limit });
}

type CurrentLoad = { activeStreams: number; activeRuns: number; queuedRuns: number; maxActiveRuns: number };

type QueueLoad = {
  waiting: number;
  active: number;
  oldestWaitMs: number | null;
  retriedLastHour: number;
  workers: { instance: string; concurrency: number; active: number }[];
};

/**
 * The text exposition. Gauges that mirror state kept elsewhere are read at scrape time; the run
 * queue's only with `queue` (RUN_EXECUTOR=pgboss).
 */
export function renderMetrics(current: CurrentLoad, queue?: QueueLoad) {
  metrics.activeStreams.set(current.activeStreams);
  metrics.activeRuns.set(current.activeRuns);
  metrics.queuedRuns.set(current.queuedRuns);
  metrics.maxActiveRuns.set(current.maxActiveRuns);
  if (!queue) return metrics.registry.metrics();
  setQueueGauges(queue);
  return Registry.merge([metrics.registry, metrics.queue.registry]).metrics();
}

function setQueueGauges({ waiting, active, oldestWaitMs, retriedLastHour, workers }: QueueLoad) {
  const gauges = metrics.queue;
  gauges.waiting.set(waiting);
  gauges.active.set(active);
  gauges.oldestWait.set((oldestWaitMs ?? 0) / 1000);
  gauges.retried.set(retriedLastHour);
  // A worker gone since the last scrape loses its series.
  gauges.workerActive.reset();
  gauges.workerConcurrency.reset();
  for (const worker of workers) {
    gauges.workerActive.set({ worker: worker.instance }, worker.active);
    gauges.workerConcurrency.set({ worker: worker.instance }, worker.concurrency);
  }
}
