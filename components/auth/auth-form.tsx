"use client";

import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";

type Field = { name: "name" | "email" | "password"; label: string; type: string; autoComplete: string; required?: boolean; hint?: string };

type Props = {
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  fields: Field[];
  submitLabel: string;
  callbackUrl?: string;
};

export function AuthForm({ action, fields, submitLabel, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
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
              defaultValue={field.name === "password" ? undefined : state.values?.[field.name]}
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
