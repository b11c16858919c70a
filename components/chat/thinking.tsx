"use client";

import { seconds, useElapsedSeconds } from "./elapsed";

type Props = { text: string; streaming: boolean; open: boolean; durationMs?: number };

/**
 * All of an answer's reasoning as one row, with a running clock while the model thinks (`open`
 * while it is the first thing the answer shows), folded to "Thought for 3.2 s" once the run says
 * how long it thought.
 */
export function Thinking({ text, streaming, open, durationMs }: Props) {
  const elapsed = useElapsedSeconds(streaming);
  return (
    <details open={open} className="group rounded-md border border-neutral-200 px-3 py-2 text-sm dark:border-neutral-800">
      <summary className="cursor-pointer text-neutral-500 select-none">
        {streaming ? `Thinking… ${elapsed} s` : durationMs !== undefined ? `Thought for ${seconds(durationMs)}` : "Thought process"}
      </summary>
      <p className="mt-2 whitespace-pre-wrap text-neutral-600 dark:text-neutral-400">{text}</p>
    </details>
  );
}
