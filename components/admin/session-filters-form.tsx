import type { SessionFilters } from "@/lib/admin/session-filters";

const STATUSES = ["SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", "RUNNING"];
const field = "rounded-md border border-neutral-300 bg-transparent px-2 py-1.5 dark:border-neutral-700";

/** The admin session filters as a plain GET form: the URL holds the state, so views can be shared. */
export function SessionFiltersForm({ filters, agents }: { filters: SessionFilters; agents: string[] }) {
  return (
    <form action="/admin/sessions" aria-label="Filters" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">Search titles</span>
        <input name="q" type="search" defaultValue={filters.q} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">Agent</span>
        <select name="agent" defaultValue={filters.agent ?? ""} className={field}>
          <option value="">Any</option>
          {agents.map((agent) => (
            <option key={agent}>{agent}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">User email</span>
        <input name="user" type="email" defaultValue={filters.user} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">Last run</span>
        <select name="status" defaultValue={filters.status ?? ""} className={field}>
          <option value="">Any</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.toLowerCase().replace("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">Active from</span>
        <input name="from" type="date" defaultValue={filters.from} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-neutral-500">Active to</span>
        <input name="to" type="date" defaultValue={filters.to} className={field} />
      </label>
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <button className="rounded-md bg-neutral-900 px-3 py-1.5 font-semibold text-white dark:bg-white dark:text-neutral-900">Apply</button>
      <a href="/admin/sessions" className="px-1 py-1.5 text-neutral-600 hover:underline dark:text-neutral-400">
        Clear
      </a>
    </form>
  );
}
