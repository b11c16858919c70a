"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { deleteSessionAction, renameSessionAction } from "@/app/(app)/(chats)/chat/actions";
import { offerUndo } from "./undo-delete";

/** A chat's title in place: Enter or leaving the field renames (as in other chat apps); Escape keeps the old title. */
export function RenameForm({ id, title, onDone }: { id: string; title: string; onDone: () => void }) {
  const cancelled = useRef(false);
  return (
    <form
      action={async (formData) => {
        await renameSessionAction(formData);
        onDone();
      }}
      className="flex-1 px-1 py-1"
    >
      <input type="hidden" name="id" value={id} />
      <input
        name="title"
        aria-label="Title"
        defaultValue={title}
        maxLength={120}
        autoFocus
        onBlur={(event) => {
          if (!cancelled.current) event.currentTarget.form?.requestSubmit();
        }}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          cancelled.current = true;
          onDone();
        }}
        className="w-full rounded border border-neutral-300 bg-transparent px-1.5 py-1 dark:border-neutral-700"
      />
    </form>
  );
}

type DeleteProps = { session: { id: string; title: string }; open: boolean; undoSeconds: number; onDone: () => void };

/** "Delete" or "Cancel" in the row; deleting offers Undo, and leaves the chat if it was the open one. */
export function DeleteConfirm({ session, open, undoSeconds, onDone }: DeleteProps) {
  const router = useRouter();
  const remove = async () => {
    onDone();
    await deleteSessionAction(session.id);
    offerUndo({ id: session.id, title: session.title, current: open }, undoSeconds);
    // The layout (and the list in it) is kept across pages, so it is read again either way.
    if (open) router.push("/");
    router.refresh();
  };
  return (
    <div role="group" aria-label={`Delete ${session.title}?`} className="flex items-center gap-1 pr-1">
      <button
        type="button"
        autoFocus
        onClick={() => void remove()}
        className="min-h-6 rounded bg-red-600 px-2 text-xs font-medium text-white hover:bg-red-700"
      >
        Delete
      </button>
      <button
        type="button"
        onClick={onDone}
        onKeyDown={(event) => event.key === "Escape" && onDone()}
        className="min-h-6 rounded px-2 text-xs hover:bg-neutral-200 dark:hover:bg-neutral-800"
      >
        Cancel
      </button>
    </div>
  );
}
