"use client";

import { seconds, useElapsedSeconds } from "./elapsed";
import { useKeptOpen } from "./kept-open";

/** `openKey` names this answer's thinking across remounts; `autoOpen` until the reader opens or closes it. */
type Props = { openKey: string; text: string; streaming: boolean; autoOpen: boolean; durationMs?: number };

/**
 * All of an answer's reasoning as one row, with a running clock while the model thinks (open
 * while it is the first thing the answer shows), folded to "Thought for 3.2 s" once the run says
 * how long it thought. Opened by the reader, it stays open.
 */
export function Thinking({ openKey, text, streaming, autoOpen, durationMs }: Props) {
  const elapsed = useElapsedSeconds(streaming);
  const { open, toggle } = useKeptOpen(openKey, autoOpen);
  return (
    <details open={open} className="group rounded-md border border-neutral-200 px-3 py-2 text-sm dark:border-neutral-800">
      <summary onClick={toggle} className="cursor-pointer text-neutral-500 select-none">
        {streaming ? `Thinking… ${elapsed} s` : durationMs !== undefined ? `Thought for ${seconds(durationMs)}` : "Thought process"}
      </summary>
      <p className="mt-2 whitespace-pre-wrap text-neutral-600 dark:text-neutral-400">{text}</p>
    </details>
  );
}
