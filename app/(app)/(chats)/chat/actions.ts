"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { chatSearchSchema, recentSessions, searchChats } from "@/lib/chat/recent-sessions";
import { deleteSession, renameSession, renameSessionSchema, restoreSession } from "@/lib/runs/sessions";

/**
 * Deletes a chat. Nothing is revalidated here: the page asking may be that chat's, which would
 * render as not found; the sidebar reads the list again itself.
 */
export async function deleteSessionAction(id: string) {
  const user = await requireUser();
  await deleteSession(user, undefined, id);
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

/** Chats whose title or messages hold the text; nothing for an empty or overlong one. */
export async function searchChatsAction(q: string) {
  const user = await requireUser();
  const parsed = chatSearchSchema.safeParse(q);
  return parsed.success ? searchChats(user, parsed.data) : [];
}

/** Undoes a deletion made a moment ago. */
export async function restoreSessionAction(id: string) {
  const user = await requireUser();
  await restoreSession(user, id);
  revalidatePath("/", "layout");
}
