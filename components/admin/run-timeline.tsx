import type { TimelineEntry } from "@/lib/admin/timeline";

const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);
const str = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** What one entry says, in a line; the event's data in full is one click away. */
function summary({ type, data, count }: TimelineEntry) {
  switch (type) {
    case "start":
      return `model ${str(data.model)}`;
    case "phase_start":
      return `${str(data.phase_id)} — ${str(data.description)}`;
    case "phase_complete":
      return str(data.phase_id);
    case "thinking":
    case "text":
      return `${clip(str(data.content ?? ""))}${count > 1 ? ` (${count} chunks)` : ""}`;
    case "tool_start":
      return `${str(data.tool)}(${clip(JSON.stringify(data.arguments ?? {}), 200)})`;
    case "tool_progress":
      return `${str(data.progress)}${data.total === undefined ? "" : ` / ${str(data.total)}`}${data.message ? ` — ${str(data.message)}` : ""}`;
    case "tool_result":
      return `${str(data.tool)} ${data.success ? "succeeded" : `failed: ${str(data.error ?? "")}`} in ${str(data.duration_ms)} ms`;
    case "structured_data":
      return str(data.schema);
    case "done": {
      const { duration_ms, usage } = (data.metadata ?? {}) as {
        duration_ms?: number;
        usage?: { input_tokens: number; output_tokens: number };
      };
      return `${duration_ms ?? "?"} ms · ${usage?.input_tokens ?? 0} in / ${usage?.output_tokens ?? 0} out tokens`;
    }
    case "error":
      return `${str(data.code)}: ${str(data.message)}`;
    default:
      return "";
  }
}

/** A run's events at their offsets from its start, each with its data (tool arguments, results, errors). */
export function RunTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol aria-label="Event timeline" className="flex flex-col font-mono text-xs">
      {entries.map((entry) => (
        <li
          key={entry.seq}
          data-type={entry.type}
          className="grid grid-cols-[4.5rem_8rem_1fr] gap-2 border-t border-neutral-100 py-1 dark:border-neutral-900"
        >
          <span className="text-right text-neutral-500 tabular-nums">+{(entry.offsetMs / 1000).toFixed(3)} s</span>
          <span
            className={entry.type === "error" ? "font-semibold text-red-600 dark:text-red-400" : "text-neutral-700 dark:text-neutral-300"}
          >
            {entry.type}
          </span>
          <details className="min-w-0">
            <summary className="cursor-pointer break-words whitespace-pre-wrap">{summary(entry) || `#${entry.seq}`}</summary>
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-neutral-50 p-2 dark:bg-neutral-900">
              {JSON.stringify(entry.data, null, 2)}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
