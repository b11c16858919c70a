"use server";

import { revalidatePath } from "next/cache";
import { changeUser, userChangeSchema } from "@/lib/admin/users";
import { issuePasswordReset } from "@/lib/auth/passwords";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export type ChangeState = { error?: string };

/** The users page's role and access buttons; a refused change (the last admin) comes back as text. */
export async function changeUserAction(_state: ChangeState, formData: FormData): Promise<ChangeState> {
  const admin = await requireAdmin();
  const field = String(formData.get("field"));
  const value = String(formData.get("value"));
  const change = userChangeSchema.safeParse(field === "role" ? { role: value } : { disabled: value === "true" });
  if (!change.success) return { error: "Not a valid change." };
  try {
    await changeUser(admin, String(formData.get("id")), change.data);
  } catch (error) {
    if (AppError.isInstance(error)) return { error: error.message };
    throw error;
  }
  revalidatePath("/admin/users");
  return {};
}

export type ResetState = { path?: string; expiresAt?: string; error?: string };

/** A one-time password reset link for a user, shown to the admin once. */
export async function resetLinkAction(_state: ResetState, formData: FormData): Promise<ResetState> {
  const admin = await requireAdmin();
  try {
    const { path, expiresAt } = await issuePasswordReset(admin, String(formData.get("id")));
    return { path, expiresAt: expiresAt.toISOString() };
  } catch (error) {
    if (AppError.isInstance(error)) return { error: error.message };
    throw error;
  }
}
