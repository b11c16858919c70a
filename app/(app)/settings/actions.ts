"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/auth/auth-form";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { changePassword } from "@/lib/auth/passwords";
import { createKeySchema } from "@/lib/auth/schemas";
import { requireUser } from "@/lib/auth/session";

export type CreateKeyState = { key?: string; error?: string };

export async function createKeyAction(_state: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const user = await requireUser();
  const parsed = createKeySchema.safeParse({ name: formData.get("name") });
  if (!parsed.success) return { error: "Give the key a name, up to 100 characters." };
  const { key } = await createApiKey(user.id, parsed.data.name);
  revalidatePath("/settings");
  return { key };
}

export async function revokeKeyAction(formData: FormData) {
  const user = await requireUser();
  await revokeApiKey(user.id, String(formData.get("id")));
  revalidatePath("/settings");
}

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const current = formData.get("current");
  const result = await changePassword(user.id, { current: current ?? undefined, password: formData.get("password") });
  return result.ok ? { notice: "Your password is changed." } : { errors: result.errors };
}
