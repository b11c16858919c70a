"use client";

import { useActionState } from "react";
import { changeUserAction, type ChangeState } from "@/app/(app)/admin/users/actions";

type Props = { user: { id: string; email: string; role: "USER" | "ADMIN"; disabled: boolean }; self: boolean };

const button =
  "rounded-md border border-neutral-300 px-2 py-1 text-xs font-medium hover:bg-neutral-100 disabled:opacity-50 dark:border-neutral-700 dark:hover:bg-neutral-900";

/** Role and access buttons for one user; a refused change (such as the last admin) is said inline. */
export function UserActions({ user, self }: Props) {
  const [state, action, pending] = useActionState<ChangeState, FormData>(changeUserAction, {});
  // Taking or giving admin rights, or locking someone out, is asked once more; enabling is not.
  const change = (field: string, value: string, label: string, question?: string) => (
    <form
      action={action}
      onSubmit={(event) => {
        if (question && !confirm(question)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="field" value={field} />
      <input type="hidden" name="value" value={value} />
      <button disabled={pending} aria-label={`${label} ${user.email}`} className={button}>
        {label}
      </button>
    </form>
  );
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {user.role === "ADMIN"
        ? change("role", "USER", "Make member", `Make ${user.email} a member? They lose access to the admin console.`)
        : change("role", "ADMIN", "Make admin", `Make ${user.email} an admin? They will see every user's sessions.`)}
      {/* Nobody disables their own account (the server refuses it too). */}
      {user.disabled
        ? change("disabled", "false", "Enable")
        : !self && change("disabled", "true", "Disable", `Disable ${user.email}? They are signed out and their API keys stop working.`)}
      {state.error && (
        <p role="alert" className="basis-full text-right text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
    </div>
  );
}
