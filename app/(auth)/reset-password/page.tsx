import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Set a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** Where an admin's reset link leads: a new password, then signed in with it. */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Set a new password</h1>
      <AuthForm
        action={resetPasswordAction}
        submitLabel="Set password"
        hidden={{ token: typeof token === "string" ? token : "" }}
        fields={[
          {
            name: "password",
            label: "New password",
            type: "password",
            autoComplete: "new-password",
            hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
          },
        ]}
      />
      <p className="text-center text-sm text-neutral-600 dark:text-neutral-400">
        <Link href="/signin" className="font-medium text-neutral-900 underline underline-offset-4 dark:text-neutral-100">
          Sign in
        </Link>
      </p>
    </div>
  );
}
