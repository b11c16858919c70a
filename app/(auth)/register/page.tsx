import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { env } from "@/lib/env";
import { registerAction } from "../actions";

export const metadata: Metadata = { title: "Create account" };

export default function RegisterPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Create account</h1>
      {env.ALLOW_REGISTRATION ? (
        <AuthForm
          action={registerAction}
          submitLabel="Create account"
          fields={[
            { name: "name", label: "Name", type: "text", autoComplete: "name", required: false },
            { name: "email", label: "Email", type: "email", autoComplete: "email" },
            {
              name: "password",
              label: "Password",
              type: "password",
              autoComplete: "new-password",
              hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
            },
          ]}
        />
      ) : (
        <p role="status" className="rounded-md bg-neutral-100 px-3 py-2 text-sm dark:bg-neutral-900">
          Registration is closed on this server. Ask an admin for an account.
        </p>
      )}
      <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-neutral-900 underline underline-offset-4 dark:text-neutral-100">
          Sign in
        </Link>
      </p>
    </div>
  );
}
