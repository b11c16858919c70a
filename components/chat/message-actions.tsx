"use client";

import { isSendKey } from "./keys";
import Link from "next/link";
import { useState } from "react";
import type { ChatMessage } from "@/lib/chat/message";
import { CopyButton } from "./copy-button";

type Versions = NonNullable<NonNullable<ChatMessage["metadata"]>["versions"]>;

const action =
  "min-h-6 min-w-6 rounded px-1.5 text-xs font-medium text-neutral-600 hover:bg-neutral-200 disabled:opacity-40 dark:text-neutral-400 dark:hover:bg-neutral-800";

// Greyed until chosen, so the chosen one stands out.
const thumb = `${action} grayscale opacity-60 aria-pressed:bg-blue-100 aria-pressed:opacity-100 aria-pressed:grayscale-0 dark:aria-pressed:bg-blue-950`;

/** "‹ 2 / 3 ›": each version is the branch through its run, a page of its own (a link, so the back button returns). */
export function VersionSwitcher({ versions, sessionId, what }: { versions: Versions; sessionId: string; what: string }) {
  const { index, runs } = versions;
  const to = (i: number) => `/chat/${sessionId}?run=${runs[i]}`;
  return (
    <nav
      aria-label={`${what} versions`}
      className="flex items-center gap-0.5 text-xs text-neutral-500 tabular-nums [&>a]:text-base [&>span[aria-hidden]]:text-base"
    >
      {index > 0 ? (
        <Link href={to(index - 1)} aria-label={`Previous ${what.toLowerCase()} version`} className={action}>
          ‹
        </Link>
      ) : (
        <span aria-hidden className={`${action} opacity-40`}>
          ‹
        </span>
      )}
      <span>
        {index + 1} / {runs.length}
      </span>
      {index < runs.length - 1 ? (
        <Link href={to(index + 1)} aria-label={`Next ${what.toLowerCase()} version`} className={action}>
          ›
        </Link>
      ) : (
        <span aria-hidden className={`${action} opacity-40`}>
          ›
        </span>
      )}
    </nav>
  );
}

type Rating = "up" | "down" | undefined;

async function rate(runId: string, rating: Rating) {
  const response = await fetch(`/api/runs/${runId}/feedback`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rating: rating ?? null }),
  });
  if (!response.ok) throw new Error(`feedback: HTTP ${response.status}`);
}

/** Thumbs up or down, stored with the run; pressing the chosen one again takes it back. */
function Feedback({ runId, initial }: { runId: string; initial: Rating }) {
  const [rating, setRating] = useState(initial);
  const choose = (choice: "up" | "down") => {
    const next = rating === choice ? undefined : choice;
    const before = rating;
    setRating(next);
    void rate(runId, next).catch(() => setRating(before));
  };
  return (
    <>
      <button type="button" aria-label="Good answer" aria-pressed={rating === "up"} onClick={() => choose("up")} className={thumb}>
        👍
      </button>
      <button type="button" aria-label="Bad answer" aria-pressed={rating === "down"} onClick={() => choose("down")} className={thumb}>
        👎
      </button>
    </>
  );
}

type AnswerProps = { message: ChatMessage; sessionId?: string; answerText: string; onRegenerate?: () => void; readOnly?: boolean };

/** Under an answer: its versions, Copy, Regenerate, and the user's feedback (only shown, to others than its user). */
export function AnswerActions({ message, sessionId, answerText, onRegenerate, readOnly }: AnswerProps) {
  const { metadata } = message;
  return (
    <div className="flex items-center gap-1">
      {metadata?.versions && sessionId && !readOnly && <VersionSwitcher versions={metadata.versions} sessionId={sessionId} what="Answer" />}
      {answerText && <CopyButton text={() => answerText} label="Copy answer" />}
      {onRegenerate && (
        <button type="button" onClick={onRegenerate} className={action}>
          Regenerate
        </button>
      )}
      {metadata?.run_id && !readOnly && <Feedback key={metadata.run_id} runId={metadata.run_id} initial={metadata.feedback} />}
      {readOnly && metadata?.feedback && <span>Rated {metadata.feedback === "up" ? "👍" : "👎"}</span>}
    </div>
  );
}

type EditProps = { text: string; onSave: (text: string) => void; onCancel: () => void };

/** A question edited in place: Enter (or Save & send) asks the new question from there, Escape cancels. */
export function EditForm({ text, onSave, onCancel }: EditProps) {
  const [draft, setDraft] = useState(text);
  const save = () => {
    if (draft.trim()) onSave(draft.trim());
  };
  return (
    <form
      aria-label="Edit question"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      className="ml-auto flex w-full max-w-[85%] flex-col gap-2"
    >
      <textarea
        aria-label="Edited question"
        autoFocus
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (isSendKey(event)) {
            event.preventDefault();
            save();
          }
          if (event.key === "Escape") onCancel();
        }}
        rows={Math.min(8, Math.max(2, draft.split("\n").length))}
        className="w-full resize-none rounded-xl border border-neutral-300 bg-white px-3 py-2 dark:border-neutral-700 dark:bg-neutral-950"
      />
      <div className="flex justify-end gap-2 text-sm">
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 hover:bg-neutral-100 dark:hover:bg-neutral-800">
          Cancel
        </button>
        <button type="submit" className="rounded-md bg-blue-600 px-3 py-1 font-medium text-white hover:bg-blue-700">
          Save &amp; send
        </button>
      </div>
    </form>
  );
}
