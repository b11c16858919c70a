"use client";

import { useActionState, useState } from "react";
import { createKeyAction, type CreateKeyState } from "@/app/(app)/settings/actions";

/** Creates a key and shows it this once, with a copy button. */
export function CreateKeyForm() {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, {});
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <form action={action} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. laptop, CI"
            className="rounded-md border border-neutral-300 bg-transparent px-3 py-2 font-normal outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-neutral-700"
          />
        </label>
        <button
          disabled={pending}
          className="rounded-md bg-neutral-900 px-4 py-2 text-sm font-semibold text-white hover:bg-neutral-700 disabled:opacity-60 dark:bg-white dark:text-neutral-900"
        >
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
      {state.error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      )}
      {state.key && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">Copy this key now: it will not be shown again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="rounded bg-white px-2 py-1 font-mono break-all dark:bg-neutral-900">
              {state.key}
            </code>
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard.writeText(state.key!);
                setCopied(true);
              }}
              className="rounded-md border border-neutral-300 px-3 py-1 hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800"
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
