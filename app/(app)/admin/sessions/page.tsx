import type { Metadata } from "next";
import Link from "next/link";
import { PageSummary, Pager } from "@/components/admin/pager";
import { SessionFiltersForm } from "@/components/admin/session-filters-form";
import { SortHeader } from "@/components/admin/sort-header";
import { StatusBadge } from "@/components/admin/status-badge";
import { when } from "@/components/format";
import { Table } from "@/components/table";
import { filtersQuery, sessionFiltersSchema } from "@/lib/admin/session-filters";
import { listAdminSessions } from "@/lib/db/sessions";
import { runtime } from "@/lib/runs/runtime";

export const metadata: Metadata = { title: "Sessions · Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSessionsPage({ searchParams }: Props) {
  const parsed = sessionFiltersSchema.safeParse(await searchParams);
  const filters = parsed.success ? parsed.data : sessionFiltersSchema.parse({});
  const [{ sessions, total, page, pages }, loaded] = await Promise.all([listAdminSessions(filters), runtime().agents()]);
  const pageLink = (to: number) => `/admin/sessions?${filtersQuery(filters, { page: to })}`;
  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <a
          href={`/api/admin/sessions/export?${filtersQuery(filters, { page: undefined, size: undefined })}`}
          className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm font-medium dark:border-neutral-700"
        >
          Export CSV
        </a>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          The filters were not valid and were ignored:{" "}
          {parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}.
        </p>
      )}
      <SessionFiltersForm filters={filters} agents={[...loaded.agents.keys()]} />
      <PageSummary total={total} noun={["session", "sessions"]} page={page} pages={pages} />
      <Table
        columns={[
          "User",
          "Agent",
          "Title",
          <SortHeader key="createdAt" filters={filters} column="createdAt" label="Created" />,
          <SortHeader key="lastActiveAt" filters={filters} column="lastActiveAt" label="Last active" />,
          <SortHeader key="messageCount" filters={filters} column="messageCount" label="Messages" />,
          "Last run",
        ]}
      >
        {sessions.map((session) => (
          <tr key={session.id} className="border-t border-neutral-200 dark:border-neutral-800">
            <td className="max-w-48 truncate py-2 pr-4" title={session.user.email}>
              {session.user.email}
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{session.agent}</td>
            <td className="max-w-72 truncate py-2 pr-4">
              <Link href={`/admin/sessions/${session.id}`} className="hover:underline">
                {session.title}
              </Link>
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{when(session.createdAt)}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{when(session.lastActiveAt)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{session.messageCount}</td>
            <td className="py-2">
              <StatusBadge status={session.lastRunStatus} />
            </td>
          </tr>
        ))}
      </Table>
      {sessions.length === 0 && <p className="py-6 text-center text-sm text-neutral-500">No sessions match these filters.</p>}
      <Pager page={page} pages={pages} href={pageLink} />
    </section>
  );
}
