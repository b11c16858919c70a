import { route } from "@/lib/http/route";
import { METRICS_CONTENT_TYPE, renderMetrics } from "@/lib/observability/metrics";
import { requireMetricsReader } from "@/lib/auth/metrics-reader";
import { queueLoad } from "@/lib/runs/queue-load";
import { currentLoad } from "@/lib/runs/service";

export const dynamic = "force-dynamic";

/** `GET /api/metrics`: this instance's metrics in Prometheus text format, for admins or METRICS_TOKEN; the run queue's with RUN_EXECUTOR=pgboss. */
export const GET = route(async (request) => {
  await requireMetricsReader(request);
  const body = await renderMetrics(currentLoad(), await queueLoad());
  return new Response(body, { headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" } });
});
