import type { Metadata } from "next";
import Link from "next/link";
import { UsageCharts } from "@/components/admin/usage-charts";
import { usageReport, usageWindowSchema, type UsageWindow } from "@/lib/db/usage";

export const metadata: Metadata = { title: "Runs · Admin" };

const WINDOWS = [7, 30, 90];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A hand-edited URL with a bad value shows the default window rather than an error page. */
function parseWindow(params: Awaited<SearchParams>): UsageWindow {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = usageWindowSchema.safeParse({ days: first(params.days), agent: first(params.agent) });
  return parsed.success ? parsed.data : usageWindowSchema.parse({});
}

const href = (days: number, agent?: string) => `/admin/runs?${new URLSearchParams({ days: String(days), ...(agent && { agent }) })}`;

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const selected = parseWindow(await searchParams);
  const report = await usageReport(selected);
  return (
    <section className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Runs</h1>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {report.window.from} to {report.window.to} (UTC){selected.agent ? `, agent ${selected.agent}` : ", all agents"}.
            {selected.agent && (
              <>
                {" "}
                <Link href={href(selected.days)} className="underline">
                  Show all agents
                </Link>
              </>
            )}
          </p>
        </div>
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
    </section>
  );
}
