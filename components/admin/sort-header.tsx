import Link from "next/link";
import { headerCellClass } from "@/components/table";
import { filtersQuery, type SessionFilters } from "@/lib/admin/session-filters";

type Props = { filters: SessionFilters; column: SessionFilters["sort"]; label: string };

/** A column header that sorts by its column; a second click reverses the order. */
export function SortHeader({ filters, column, label }: Props) {
  const active = filters.sort === column;
  const dir = active && filters.dir === "desc" ? "asc" : "desc";
  return (
    <th
      className={`${headerCellClass} whitespace-nowrap`}
      aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        href={`/admin/sessions?${filtersQuery(filters, { sort: column, dir, page: 1 })}`}
        className="hover:text-neutral-900 dark:hover:text-neutral-100"
      >
        {label}
        {active ? (filters.dir === "asc" ? " ↑" : " ↓") : ""}
      </Link>
    </th>
  );
}
