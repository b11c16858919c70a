"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { restoreSessionAction } from "@/app/(app)/(chats)/chat/actions";

type Deleted = { id: string; title: string; current: boolean; until: number };

// Outside React: deleting the open chat navigates away, and the offer to undo must outlive that.
let latest: Deleted | undefined;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
function offer(deleted: Deleted | undefined) {
  latest = deleted;
  for (const listener of listeners) listener();
}

/** A chat was just deleted: offer to undo it for `seconds`. */
export function offerUndo(deleted: Omit<Deleted, "until">, seconds: number) {
  offer({ ...deleted, until: Date.now() + seconds * 1000 });
}

/** "Deleted “…”. Undo" while the chat can be restored; Undo brings it back (and reopens it if it was open). */
export function UndoDelete() {
  const router = useRouter();
  const deleted = useSyncExternalStore(
    subscribe,
    () => latest,
    () => undefined,
  );
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => latest === deleted && offer(undefined), deleted.until - Date.now());
    return () => clearTimeout(timer);
  }, [deleted]);
  if (!deleted) return null;
  const undo = async () => {
    try {
      await restoreSessionAction(deleted.id);
      offer(undefined);
      if (deleted.current) router.push(`/chat/${deleted.id}`);
    } catch {
      setFailed(deleted.id);
    }
  };
  return (
    <div
      role="status"
      className="fixed bottom-4 left-4 z-50 flex items-center gap-3 rounded-lg bg-neutral-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-white dark:text-neutral-900"
    >
      {failed === deleted.id ? (
        <span>That chat can no longer be restored.</span>
      ) : (
        <>
          <span className="max-w-64 truncate">Deleted “{deleted.title}”.</span>
          <button type="button" onClick={() => void undo()} className="min-h-6 rounded px-2 font-semibold underline">
            Undo
          </button>
        </>
      )}
    </div>
  );
}
