"use client";

import { useActionState } from "react";
import { changeUserAction, resetLinkAction, type ChangeState, type ResetState } from "@/app/(app)/admin/users/actions";
import { CopyButton } from "@/components/chat/copy-button";

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
      <ResetLink userId={user.id} email={user.email} />
      {state.error && (
        <p role="alert" className="basis-full text-right text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
    </div>
  );
}

/** "Reset password": a one-time link to hand the user (shown here once), valid for a while. */
function ResetLink({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetLinkAction, {});
  const url = state.path && `${window.location.origin}${state.path}`;
  return (
    <>
      <form action={action}>
        <input type="hidden" name="id" value={userId} />
        <button disabled={pending} aria-label={`Reset password of ${email}`} className={button}>
          Reset password
        </button>
      </form>
      {url && (
        <div role="status" className="flex basis-full flex-wrap items-center justify-end gap-2 text-xs">
          <span>
            Give {email} this link; it works once, until{" "}
            {new Date(state.expiresAt!).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}:
          </span>
          <input
            readOnly
            aria-label={`Reset link for ${email}`}
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            className="w-72 rounded border border-neutral-300 bg-transparent px-1.5 py-0.5 font-mono dark:border-neutral-700"
          />
          <CopyButton text={() => url} label="Copy link" />
        </div>
      )}
      {state.error && (
        <p role="alert" className="basis-full text-right text-xs text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
    </>
  );
}
