"use client";

import { AuthForm } from "@/components/auth/auth-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { changePasswordAction } from "./actions";

/** Settings → Password: the current one (when there is one) and the new one. */
export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  return (
    <AuthForm
      action={changePasswordAction}
      submitLabel={hasPassword ? "Change password" : "Set password"}
      fields={[
        ...(hasPassword ? [{ name: "current", label: "Current password", type: "password", autoComplete: "current-password" }] : []),
        {
          name: "password",
          label: "New password",
          type: "password",
          autoComplete: "new-password",
          hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
        },
      ]}
    />
  );
}
