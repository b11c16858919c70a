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

/** The text exposition. Gauges that mirror state kept elsewhere are read at scrape time. */
export function renderMetrics(current: CurrentLoad) {
  metrics.activeStreams.set(current.activeStreams);
  metrics.activeRuns.set(current.activeRuns);
  metrics.queuedRuns.set(current.queuedRuns);
  metrics.maxActiveRuns.set(current.maxActiveRuns);
  return metrics.registry.metrics();
}
