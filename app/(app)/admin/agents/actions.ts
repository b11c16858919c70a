"use server";

import { revalidatePath } from "next/cache";
import { reconnectServer } from "@/lib/admin/agents";
import { requireAdmin } from "@/lib/auth/session";

export async function reconnectAction(formData: FormData) {
  await requireAdmin();
  await reconnectServer(String(formData.get("server")));
  revalidatePath("/admin/agents");
}
