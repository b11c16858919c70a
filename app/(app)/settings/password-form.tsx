"use client";

import { AuthForm } from "@/components/auth/auth-form";
import { changePasswordAction } from "./actions";

/**
 * Settings → Password: the current one (when there is one) and the new one. The rule comes from the
 * server: the schemas' module would bring zod into the browser, and the chat's bundle with it.
 */
export function PasswordForm({ hasPassword, minLength }: { hasPassword: boolean; minLength: number }) {
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
          hint: `At least ${minLength} characters.`,
        },
      ]}
    />
  );
}
