"use client";

import { isSendKey } from "./keys";
import { useEffect, useRef, useState } from "react";
import { LazyWorking as Working } from "./lazy-parts";

type Props = { busy: boolean; onSend: (text: string) => void; onStop: () => void; placeholder: string; draftKey: string };

// Drafts outlive the component: a new chat's page is replaced by /chat/<id> when its first run ends,
// and whatever was typed meanwhile must still be there.
const drafts = new Map<string, string>();

/**
 * Enter sends, Shift+Enter adds a line, Escape stops; while a run is active the draft stays and Stop
 * replaces Send. Focus returns here when a run ends, unless the user has moved it elsewhere.
 */
export function Composer({ busy, onSend, onStop, placeholder, draftKey }: Props) {
  const [draft, setDraft] = useState(() => drafts.get(draftKey) ?? "");
  useEffect(() => void drafts.set(draftKey, draft), [draftKey, draft]);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // Only with a mouse or trackpad: on touch screens focusing would pop up the keyboard unasked.
    const idle = document.activeElement === document.body || document.activeElement === null;
    if (!busy && idle && matchMedia("(pointer: fine)").matches) input.current?.focus();
  }, [busy]);
  const send = () => {
    if (busy || !draft.trim()) return;
    onSend(draft.trim());
    setDraft("");
  };
  return (
    // Pinned to the bottom of the window, so a growing answer never moves it (no layout shift).
    <div className="sticky bottom-0 bg-white pt-2 pb-[max(1rem,env(safe-area-inset-bottom))] dark:bg-neutral-950">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        className="flex items-end gap-2 rounded-2xl border border-neutral-300 p-2 focus-within:ring-2 focus-within:ring-blue-500 dark:border-neutral-700"
      >
        <textarea
          ref={input}
          aria-label="Message"
          aria-keyshortcuts="Enter Shift+Enter Escape"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (isSendKey(event)) {
              event.preventDefault();
              send();
            }
            if (event.key === "Escape" && busy) onStop();
          }}
          rows={Math.min(8, Math.max(1, draft.split("\n").length))}
          placeholder={placeholder}
          className="flex-1 resize-none bg-transparent px-2 py-1.5 outline-none"
        />
        {busy && <Working />}
        {busy ? (
          <button
            type="button"
            onClick={onStop}
            className="rounded-xl border border-neutral-300 px-4 py-2 text-sm font-semibold dark:border-neutral-700"
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            disabled={!draft.trim()}
            className="rounded-xl bg-neutral-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-40 dark:bg-white dark:text-neutral-900"
          >
            Send
          </button>
        )}
      </form>
    </div>
  );
}

/** A clock while the run works, so a long tool call or a slow model never looks stuck. Here, pinned, it moves nothing. */
