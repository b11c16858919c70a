import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PageSummary, Pager } from "@/components/admin/pager";
import { StatusBadge } from "@/components/admin/status-badge";
import { UsageCharts } from "@/components/admin/usage-charts";
import { duration, when } from "@/components/format";
import { Table } from "@/components/table";
import { runPage } from "@/lib/db/runs";
import { usageReport, usageWindowSchema, type UsageWindow } from "@/lib/db/usage";
import { runtime } from "@/lib/runs/runtime";

export const metadata: Metadata = { title: "Runs · Admin" };

const WINDOWS = [7, 30, 90];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A hand-edited URL with a bad value shows the default window (or the first page) rather than an error page. */
function parseWindow(params: Awaited<SearchParams>): UsageWindow & { page: number } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = usageWindowSchema.safeParse({ days: first(params.days), agent: first(params.agent) });
  return { ...(parsed.success ? parsed.data : usageWindowSchema.parse({})), page: pageSchema.parse(first(params.page) ?? 1) };
}

const href = (days: number, agent?: string, page = 1) =>
  `/admin/runs?${new URLSearchParams({ days: String(days), ...(agent && { agent }), ...(page > 1 && { page: String(page) }) })}`;

const RUNS_PAGE_SIZE = 50;
const FEEDBACK: Record<number, string> = { 1: "👍", [-1]: "👎" };

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const selected = parseWindow(await searchParams);
  const report = await usageReport(selected);
  const [list, loaded] = await Promise.all([
    runPage({ ...report.window, agent: selected.agent, page: selected.page, size: RUNS_PAGE_SIZE }),
    runtime().agents(),
  ]);
  return (
    <section className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Runs</h1>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {report.window.from} to {report.window.to} (UTC){selected.agent ? `, agent ${selected.agent}` : ", all agents"}.
          </p>
        </div>
        <form action="/admin/runs" aria-label="Agent filter" className="flex items-end gap-2 text-sm">
          <label className="flex flex-col gap-1">
            <span className="text-neutral-500">Agent</span>
            <select
              name="agent"
              defaultValue={selected.agent ?? ""}
              className="rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700"
            >
              <option value="">All agents</option>
              {[...loaded.agents.keys()].map((agent) => (
                <option key={agent}>{agent}</option>
              ))}
            </select>
          </label>
          <input type="hidden" name="days" value={selected.days} />
          <button className="rounded-md bg-neutral-900 px-3 py-1.5 font-semibold text-white dark:bg-white dark:text-neutral-900">
            Apply
          </button>
        </form>
        <nav aria-label="Window" className="flex rounded-md border border-neutral-300 text-sm dark:border-neutral-700">
          {WINDOWS.map((days) => (
            <Link
              key={days}
              href={href(days, selected.agent)}
              aria-current={days === selected.days ? "page" : undefined}
              className="px-3 py-1.5 text-neutral-600 first:rounded-l-md last:rounded-r-md hover:text-neutral-900 aria-[current=page]:bg-neutral-900 aria-[current=page]:text-white dark:text-neutral-400 dark:hover:text-neutral-100 dark:aria-[current=page]:bg-white dark:aria-[current=page]:text-neutral-900"
            >
              {days} days
            </Link>
          ))}
        </nav>
      </div>
      <UsageCharts report={report} />
      <section aria-labelledby="run-list" className="flex flex-col gap-3">
        <h2 id="run-list" className="text-lg font-semibold">
          Every run
        </h2>
        <PageSummary total={list.total} noun={["run", "runs"]} page={list.page} pages={list.pages} />
        <Table
          columns={[
            "Started",
            "Agent",
            "User",
            "Question",
            "Status",
            { label: "Duration", numeric: true },
            { label: "Tokens", numeric: true },
            "Feedback",
          ]}
        >
          {list.runs.map((run) => (
            <tr key={run.id} className="border-t border-neutral-200 dark:border-neutral-800">
              <td className="py-2 pr-4 whitespace-nowrap">{when(run.createdAt)}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{run.agent}</td>
              <td className="max-w-48 truncate py-2 pr-4" title={run.user.email}>
                {run.user.email}
              </td>
              <td className="max-w-72 truncate py-2 pr-4">
                <Link href={`/admin/sessions/${run.sessionId}#run-${run.id}`} className="hover:underline">
                  {run.query}
                </Link>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <StatusBadge status={run.status} />
                {run.errorCode && <span className="ml-1 font-mono text-xs text-neutral-500">{run.errorCode}</span>}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{duration(run.durationMs)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">
                {((run.inputTokens ?? 0) + (run.outputTokens ?? 0)).toLocaleString("en")}
              </td>
              <td className="py-2 pr-4" aria-label={run.feedback === null ? "none" : run.feedback > 0 ? "good" : "bad"}>
                {run.feedback === null ? "" : FEEDBACK[run.feedback]}
              </td>
            </tr>
          ))}
        </Table>
        <Pager page={list.page} pages={list.pages} href={(page) => href(selected.days, selected.agent, page)} />
      </section>
    </section>
  );
}
