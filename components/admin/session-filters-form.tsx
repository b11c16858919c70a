import Link from "next/link";
import type { SessionFilters } from "@/lib/admin/session-filters";
import { statusLabel } from "./status-badge";

const STATUSES = ["SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "RUNNING", "RETRYING", "WAITING"];
const control = "rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-neutral-500">{label}</span>
      {children}
    </label>
  );
}

/** The admin session filters as a plain GET form: the URL holds the state, so views can be shared. */
export function SessionFiltersForm({ filters, agents }: { filters: SessionFilters; agents: string[] }) {
  return (
    <form action="/admin/sessions" aria-label="Filters" className="flex flex-wrap items-end gap-3 text-sm">
      <Field label="Search titles">
        <input name="q" type="search" defaultValue={filters.q} className={control} />
      </Field>
      <Field label="Agent">
        <select name="agent" defaultValue={filters.agent ?? ""} className={control}>
          <option value="">Any</option>
          {agents.map((agent) => (
            <option key={agent}>{agent}</option>
          ))}
        </select>
      </Field>
      <Field label="User email (or part)">
        <input name="user" type="search" defaultValue={filters.user} className={control} />
      </Field>
      <Field label="Last run">
        <select name="status" defaultValue={filters.status ?? ""} className={control}>
          <option value="">Any</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Active from">
        <input name="from" type="date" defaultValue={filters.from} className={control} />
      </Field>
      <Field label="Active to">
        <input name="to" type="date" defaultValue={filters.to} className={control} />
      </Field>
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <button className="rounded-md bg-neutral-900 px-3 py-1.5 font-semibold text-white dark:bg-white dark:text-neutral-900">Apply</button>
      <Link href="/admin/sessions" className="px-1 py-1.5 text-neutral-600 hover:underline dark:text-neutral-400">
        Clear
      </Link>
    </form>
  );
}
