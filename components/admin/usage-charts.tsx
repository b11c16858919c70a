"use client";

import type { UsageReport } from "@/lib/db/usage";
import { DurationsChart } from "./usage-durations-chart";
import { ErrorsChart } from "./usage-errors-chart";
import { RunsPerDayChart } from "./usage-runs-chart";
import { count, percent } from "./usage-style";
import { TokensChart } from "./usage-tokens-chart";
import { ToolsChart } from "./usage-tools-chart";

/** The Runs page's figures: headline numbers as text, then one card per chart. */
export function UsageCharts({ report }: { report: UsageReport }) {
  const { totals } = report;
  const headlines = [
    { label: "Runs", value: count(totals.runs) },
    { label: "Succeeded", value: count(totals.succeeded) },
    { label: "Failed", value: count(totals.failed) },
    { label: "Success rate", value: totals.settled ? percent(totals.succeeded / totals.settled) : "–" },
    { label: "Input tokens", value: count(totals.inputTokens) },
    { label: "Output tokens", value: count(totals.outputTokens) },
  ];
  return (
    <div className="flex flex-col gap-6">
      <dl aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {headlines.map(({ label, value }) => (
          <div key={label} className="rounded-xl border border-neutral-200 p-3 dark:border-neutral-800">
            <dt className="text-xs text-neutral-500">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {totals.runs === 0 ? (
        <p className="rounded-xl border border-dashed border-neutral-300 p-8 text-center text-neutral-500 dark:border-neutral-700">
          No runs in the last {report.window.days === 1 ? "day" : `${report.window.days} days`}
          {report.window.agent ? ` for ${report.window.agent}` : ""}.
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="lg:col-span-2">
            <RunsPerDayChart days={report.runsPerDay} />
          </div>
          <DurationsChart agents={report.durations} />
          <TokensChart days={report.tokensPerDay} />
          <ErrorsChart errors={report.errors} runs={totals.runs} />
          <ToolsChart tools={report.tools} />
        </div>
      )}
    </div>
  );
}
