"use client";

import type { DynamicToolUIPart } from "ai";
import type { ProgressData } from "@/lib/chat/message";
import { parseToolRef } from "@/lib/tools/refs";
import { JsonView } from "./json-view";

type Props = { part: DynamicToolUIPart; progress?: ProgressData; streaming: boolean };

/**
 * One tool call: name and server, arguments, live progress, then the result or the error. A call
 * with no result in an answer that is no longer streaming was stopped: it never looks live.
 */
export function ToolCard({ part, progress, streaming }: Props) {
  const { tool: name, server } = parseToolRef(part.toolName);
  const duration = (part as { toolMetadata?: { duration_ms?: number } }).toolMetadata?.duration_ms;
  const state = part.state === "output-available" ? "done" : part.state === "output-error" ? "failed" : streaming ? "running" : "stopped";
  const percent = progress?.total ? Math.min(100, Math.round((progress.progress / progress.total) * 100)) : undefined;
  return (
    <section
      aria-label={`Tool ${name}`}
      data-state={state}
      className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3 text-sm dark:border-neutral-800"
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="font-mono font-semibold">{name}</span>
        {server && (
          <span className="rounded bg-neutral-100 px-1.5 py-0.5 text-xs text-neutral-600 dark:bg-neutral-900 dark:text-neutral-400">
            MCP · {server}
          </span>
        )}
        <span
          className={`ml-auto text-xs ${state === "failed" ? "text-red-600 dark:text-red-400" : state === "done" ? "text-emerald-700 dark:text-emerald-400" : state === "running" ? "text-blue-600" : "text-neutral-500"}`}
        >
          {state === "running" ? "running…" : state}
          {duration !== undefined && ` · ${duration} ms`}
        </span>
      </header>
      <details>
        <summary className="cursor-pointer text-xs text-neutral-500">Arguments</summary>
        <JsonView value={part.input} />
      </details>
      {state === "running" && progress && (
        <div>
          <div
            role="progressbar"
            aria-label={`${name} progress`}
            aria-valuemin={0}
            aria-valuemax={progress.total ?? 100}
            aria-valuenow={progress.progress}
            className="h-1.5 overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800"
          >
            <div className="h-full bg-blue-500 transition-[width]" style={{ width: `${percent ?? 50}%` }} />
          </div>
          <p className="mt-1 text-xs text-neutral-500">
            {progress.message ?? `${progress.progress}${progress.total ? ` of ${progress.total}` : ""}`}
          </p>
        </div>
      )}
      {part.state === "output-available" && (
        <div>
          <p className="text-xs text-neutral-500">Result</p>
          <JsonView value={part.output} />
        </div>
      )}
      {part.state === "output-error" && <p className="text-red-600 dark:text-red-400">{part.errorText}</p>}
    </section>
  );
}
