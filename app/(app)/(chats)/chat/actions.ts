"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { recentSessions } from "@/lib/chat/recent-sessions";
import { renameSessionSchema } from "@/lib/http/schemas";
import { deleteSession, renameSession } from "@/lib/runs/sessions";

export async function deleteSessionAction(formData: FormData) {
  const user = await requireUser();
  await deleteSession(user, undefined, String(formData.get("id")));
  revalidatePath("/", "layout");
  if (formData.get("current") === "true") redirect("/");
}

export async function renameSessionAction(formData: FormData) {
  const user = await requireUser();
  const parsed = renameSessionSchema.safeParse({ title: formData.get("title") });
  if (!parsed.success) return;
  await renameSession(user, undefined, String(formData.get("id")), parsed.data.title);
  revalidatePath("/", "layout");
}

/** The next page of the sidebar, after the cursor the previous page ended with. */
export async function olderSessionsAction(after: string) {
  const user = await requireUser();
  return recentSessions(user, after);
}
