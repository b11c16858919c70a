"use client";

import { useState } from "react";
import type { StructuredData } from "@/lib/chat/message";
import { CopyButton } from "./copy-button";
import { JsonView } from "./json-view";

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);
const label = (key: string) => key.replace(/[_-]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());

/** A value by its shape: arrays of objects as tables, objects as labelled fields, lists inline. */
function Value({ value, depth }: { value: unknown; depth: number }) {
  if (Array.isArray(value) && value.length > 0 && value.every(isRow)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    return (
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} className="border-b border-neutral-300 px-2 py-1 font-medium dark:border-neutral-700">
                  {label(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              <tr key={i}>
                {columns.map((column) => (
                  <td key={column} className="border-b border-neutral-200 px-2 py-1 align-top dark:border-neutral-800">
                    <Value value={row[column]} depth={depth + 1} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (Array.isArray(value)) return <span>{value.map((item) => (isRow(item) ? JSON.stringify(item) : String(item))).join(", ")}</span>;
  if (isRow(value)) {
    if (depth > 0) {
      return (
        <details>
          <summary className="cursor-pointer text-neutral-500">{Object.keys(value).length} fields</summary>
          <Fields row={value} depth={depth} />
        </details>
      );
    }
    return <Fields row={value} depth={depth} />;
  }
  if (typeof value === "number") return <span className="tabular-nums">{value.toLocaleString("en-US")}</span>;
  return <span>{value === null || value === undefined ? "—" : String(value)}</span>;
}

function Fields({ row, depth }: { row: Row; depth: number }) {
  return (
    <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-4 gap-y-1.5 text-sm">
      {Object.entries(row).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-neutral-500">{label(key)}</dt>
          <dd>
            <Value value={value} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Structured data titled by its schema name, with copy and a raw JSON toggle. */
export function StructuredView({ output }: { output: StructuredData }) {
  const [raw, setRaw] = useState(false);
  return (
    <section aria-label={output.schema} className="rounded-lg border border-neutral-200 p-3 dark:border-neutral-800">
      <header className="mb-2 flex items-center gap-2">
        <h3 className="font-semibold">{output.schema}</h3>
        <button type="button" onClick={() => setRaw(!raw)} className="ml-auto text-xs underline">
          {raw ? "Formatted" : "Raw JSON"}
        </button>
        <CopyButton
          text={() => JSON.stringify(output.data, null, 2)}
          label="Copy JSON"
          className="border border-neutral-300 dark:border-neutral-700"
        />
      </header>
      {raw ? <JsonView value={output.data} limit={5000} /> : <Value value={output.data} depth={0} />}
    </section>
  );
}
