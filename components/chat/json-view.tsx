"use client";

import { useState } from "react";

/** Text, or an object that only wraps one text of several lines (a file's `{ content }`): shown as the text itself, not as JSON full of \n. */
function plainText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const fields = Object.values(value);
  return fields.length === 1 && typeof fields[0] === "string" && fields[0].includes("\n") ? fields[0] : undefined;
}

/** JSON, pretty-printed, or plain text as it is; long output is cut with a button to show it all. */
export function JsonView({ value, limit = 600 }: { value: unknown; limit?: number }) {
  const [expanded, setExpanded] = useState(false);
  const text = plainText(value) ?? JSON.stringify(value, null, 2);
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
