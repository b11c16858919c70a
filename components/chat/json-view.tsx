"use client";

import { useState } from "react";

/** JSON, pretty-printed; long output is cut with a button to show it all. */
export function JsonView({ value, limit = 600 }: { value: unknown; limit?: number }) {
  const [expanded, setExpanded] = useState(false);
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  const long = text.length > limit;
  return (
    <div>
      <pre className="max-h-96 overflow-auto rounded bg-neutral-100 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-neutral-900">
        {long && !expanded ? `${text.slice(0, limit)}…` : text}
      </pre>
      {long && (
        <button type="button" onClick={() => setExpanded(!expanded)} className="mt-1 text-xs font-medium underline">
          {expanded ? "Show less" : `Show all (${text.length.toLocaleString()} characters)`}
        </button>
      )}
    </div>
  );
}
