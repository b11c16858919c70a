import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

export const headerCellClass = "py-2 pr-4 font-medium";

/** A header label, right-aligned for numbers; or a header cell of its own (such as a sort link). */
export type Column = string | { label: string; numeric: true } | ReactElement;

/** The lists' table: scrolls sideways on narrow screens, muted header, rows from `children`. */
export function Table({ columns, children }: { columns: Column[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-neutral-500">
          <tr>
            {columns.map((column, i) =>
              isValidElement(column) ? (
                <Fragment key={i}>{column}</Fragment>
              ) : typeof column === "string" ? (
                <th key={i} className={headerCellClass}>
                  {column}
                </th>
              ) : (
                <th key={i} className={`${headerCellClass} text-right`}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
