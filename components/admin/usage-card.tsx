import type { ReactNode } from "react";

/** A titled chart card. The chart area has a fixed height so the page does not shift as charts measure. */
export function UsageCard({ title, note, table, children }: { title: string; note?: ReactNode; table: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-200 p-4 dark:border-neutral-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        {note && <p className="text-sm text-neutral-600 dark:text-neutral-400">{note}</p>}
      </div>
      {/* The chart repeats the table below for sighted mouse users; assistive tech reads the table. */}
      <div aria-hidden className="h-64 text-xs text-neutral-500">
        {children}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-neutral-600 dark:text-neutral-400">Numbers</summary>
        <div className="mt-2 max-h-64 overflow-auto">{table}</div>
      </details>
    </section>
  );
}

type Column<Row> = { label: string; value: (row: Row) => ReactNode; numeric?: boolean };

/** The figures behind a chart, as a plain table. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  return (
    <table className="w-full text-left tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-neutral-500">
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={`py-1 pr-3 font-medium ${column.numeric ? "text-right" : ""}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-t border-neutral-200 dark:border-neutral-800">
            {columns.map((column) => (
              <td key={column.label} className={`py-1 pr-3 ${column.numeric ? "text-right" : ""}`}>
                {column.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
