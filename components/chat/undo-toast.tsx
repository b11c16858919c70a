"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreSessionAction } from "@/app/(app)/(chats)/chat/actions";
import { endOffer, type Deleted } from "./undo-delete";

/** "Deleted “…”. Undo" while the chat can be restored; Undo brings it back (and reopens it if it was open). */
export function UndoToast({ deleted }: { deleted: Deleted }) {
  const router = useRouter();
  const [failed, setFailed] = useState<string>();
  const undo = async () => {
    try {
      await restoreSessionAction(deleted.id);
      endOffer();
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
