const tone: Record<string, string> = {
  SUCCEEDED: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  RUNNING: "bg-blue-50 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  QUEUED: "bg-blue-50 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  RETRYING: "bg-blue-50 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  WAITING: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  FAILED: "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300",
  TIMED_OUT: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  CANCELLED: "bg-neutral-100 text-neutral-700 dark:bg-neutral-900 dark:text-neutral-300",
};

/** SUCCEEDED → "succeeded", TIMED_OUT → "timed out". */
export const statusLabel = (status: string) => status.toLowerCase().replace("_", " ");

/** A run status as a small coloured label. */
export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return <span className="text-neutral-500">–</span>;
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone[status] ?? tone.CANCELLED}`}>{statusLabel(status)}</span>;
}
