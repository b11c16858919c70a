"use client";

import { useEffect, useSyncExternalStore } from "react";
import { lazyComponent } from "@/components/lazy";

export type Deleted = { id: string; title: string; current: boolean; until: number };

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

const Toast = lazyComponent(() => import("./undo-toast").then((module) => module.UndoToast));

/** A chat was just deleted: offer to undo it for `seconds`. */
export function offerUndo(deleted: Omit<Deleted, "until">, seconds: number) {
  offer({ ...deleted, until: Date.now() + seconds * 1000 });
}

export const preloadUndo = Toast.preload;

/** The offer is taken (or can no longer be). */
export function endOffer() {
  offer(undefined);
}

/** The offer to undo the latest deletion, while it lasts (the toast itself is fetched when there is one). */
export function UndoDelete() {
  const deleted = useSyncExternalStore(
    subscribe,
    () => latest,
    () => undefined,
  );
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => latest === deleted && endOffer(), deleted.until - Date.now());
    return () => clearTimeout(timer);
  }, [deleted]);
  return deleted ? <Toast deleted={deleted} /> : null;
}
