import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { providers } from "@/lib/auth";
import { signInFailure } from "@/lib/auth/credentials";
import { env } from "@/lib/env";
import { githubSignInAction, signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string }> };

/** Auth.js sends failed sign-ins of its own endpoint (and of OAuth) here with `?error=…&code=…`. */
function failureText(error: string, code: string | undefined) {
  return error === "CredentialsSignin" ? signInFailure(code) : "Sign-in failed. Try again, or use the method you signed up with.";
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, code } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {failureText(error, code)}
        </p>
      )}
      <AuthForm
        action={signInAction}
        submitLabel="Sign in"
        hidden={{ callbackUrl }}
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
      {providers.github && (
        <form action={githubSignInAction}>
          {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
          <button className="w-full rounded-md border border-neutral-300 px-4 py-2 text-sm font-semibold hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-900">
            Continue with GitHub
          </button>
        </form>
      )}
      {env.ALLOW_REGISTRATION && (
        <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
          No account?{" "}
          <Link href="/register" className="font-medium text-neutral-900 underline underline-offset-4 dark:text-neutral-100">
            Create one
          </Link>
        </p>
      )}
    </div>
  );
}
