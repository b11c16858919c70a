"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { deleteSession } from "@/lib/runs/sessions";
import { findVisibleSession } from "@/lib/runs/service";

export async function deleteSessionAction(formData: FormData) {
  const user = await requireUser();
  const id = String(formData.get("id"));
  const session = await findVisibleSession(user, id);
  await deleteSession(user, session.agent, id);
  revalidatePath("/chat", "layout");
  if (formData.get("current") === "true") redirect("/");
}
