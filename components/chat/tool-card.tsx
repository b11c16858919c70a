"use client";

import type { DynamicToolUIPart } from "ai";
import type { ProgressData } from "@/lib/chat/message";
import { parseToolRef } from "@/lib/tools/refs";
import { useKeptOpen } from "./kept-open";
import { LazyJsonView as JsonView } from "./lazy-parts";

/** `openKey` names this call's card across remounts (a tool call's id is unique only within its run). */
type Props = { openKey: string; part: DynamicToolUIPart; progress?: ProgressData; streaming: boolean };

const MARK = { done: "✓", failed: "✕", stopped: "■", running: "…" } as const;
const TONE = {
  done: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-600 dark:text-red-400",
  stopped: "text-neutral-500",
  running: "text-blue-600",
} as const;

/**
 * One tool call on one line ("get_country_info ✓ 12 ms"), with its arguments and result a click
 * away; live progress shows on the line while it runs. A call with no result in an answer that is
 * no longer streaming was stopped: it never looks live.
 */
export function ToolCard({ openKey, part, progress, streaming }: Props) {
  const { open, toggle } = useKeptOpen(openKey);
  const { tool: name, server } = parseToolRef(part.toolName);
  const duration = (part as { toolMetadata?: { duration_ms?: number } }).toolMetadata?.duration_ms;
  const state = part.state === "output-available" ? "done" : part.state === "output-error" ? "failed" : streaming ? "running" : "stopped";
  const percent = progress?.total ? Math.min(100, Math.round((progress.progress / progress.total) * 100)) : undefined;
  return (
    <section
      aria-label={`Tool ${name}`}
      data-state={state}
      className="rounded-lg border border-neutral-200 text-sm dark:border-neutral-800"
    >
      <details open={open}>
        <summary onClick={toggle} className="flex min-h-9 cursor-pointer flex-wrap items-center gap-2 px-3 py-1.5 select-none">
          <span className="font-mono font-semibold">{name}</span>
          {server && (
            <span className="rounded bg-neutral-100 px-1.5 py-0.5 text-xs text-neutral-600 dark:bg-neutral-900 dark:text-neutral-400">
              MCP · {server}
            </span>
          )}
          <span className={`ml-auto text-xs ${TONE[state]}`}>
            <span aria-hidden>{MARK[state]} </span>
            {state === "running" ? "running" : state}
            {duration !== undefined && ` · ${duration} ms`}
          </span>
        </summary>
        <div className="flex flex-col gap-2 border-t border-neutral-200 px-3 py-2 dark:border-neutral-800">
          <div>
            <p className="text-xs text-neutral-500">Arguments</p>
            <JsonView value={part.input} />
          </div>
          {part.state === "output-available" && (
            <div>
              <p className="text-xs text-neutral-500">Result</p>
              <JsonView value={part.output} />
            </div>
          )}
        </div>
      </details>
      {state === "running" && progress && (
        <div className="px-3 pb-2">
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
      {state === "failed" && <p className="px-3 pb-2 text-xs text-red-600 dark:text-red-400">{part.errorText}</p>}
    </section>
  );
}
