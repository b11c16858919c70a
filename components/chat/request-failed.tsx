"use client";

/** A request to /api/chat the server refused or that never arrived, said by its code, with Retry when nothing is running. */
export function RequestFailed({ rateLimited, onRetry }: { rateLimited: boolean; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-center gap-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
    >
      <p className="flex-1">
        {rateLimited
          ? "You are sending messages too fast. Wait a moment and retry."
          : "The request failed. Check your connection and retry."}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="rounded-md border border-red-300 px-2 py-1 font-medium dark:border-red-800">
          Retry
        </button>
      )}
    </div>
  );
}
