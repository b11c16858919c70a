"use client";

import { useActionState } from "react";

/** What a form shows after an attempt: errors by field (or `form`), what was typed (never a password), or a notice of success. */
export type FormState = { errors?: Partial<Record<string, string>>; values?: Partial<Record<string, string>>; notice?: string };

type Field = { name: string; label: string; type: string; autoComplete: string; required?: boolean; hint?: string };

type Props = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: Field[];
  submitLabel: string;
  /** Sent along unseen, such as where to go after signing in. */
  hidden?: Record<string, string | undefined>;
};

/** The account forms (sign in, register, passwords): labelled fields, their errors beside them, one button. */
export function AuthForm({ action, fields, submitLabel, hidden = {} }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {Object.entries(hidden).map(([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />)}
      {state.notice && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {state.notice}
        </p>
      )}
      {state.errors?.form && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {state.errors.form}
        </p>
      )}
      {fields.map((field) => {
        const error = state.errors?.[field.name];
        const describedBy = error ? `${field.name}-error` : field.hint ? `${field.name}-hint` : undefined;
        return (
          <label key={field.name} className="flex flex-col gap-1 text-sm font-medium">
            {field.label}
            <input
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required={field.required ?? true}
              defaultValue={field.type === "password" ? undefined : state.values?.[field.name]}
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy}
              className="rounded-md border border-neutral-300 bg-transparent px-3 py-2 font-normal outline-none focus-visible:ring-2 focus-visible:ring-blue-500 aria-invalid:border-red-500 dark:border-neutral-700"
            />
            {error ? (
              <span id={`${field.name}-error`} className="text-xs font-normal text-red-600 dark:text-red-400">
                {error}
              </span>
            ) : (
              field.hint && (
                <span id={`${field.name}-hint`} className="text-xs font-normal text-neutral-500">
                  {field.hint}
                </span>
              )
            )}
          </label>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className="mt-2 rounded-md bg-neutral-900 px-4 py-2 text-sm font-semibold text-white hover:bg-neutral-700 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none disabled:opacity-60 dark:bg-white dark:text-neutral-900 dark:hover:bg-neutral-200"
      >
        {pending ? "Please wait…" : submitLabel}
      </button>
    </form>
  );
}
