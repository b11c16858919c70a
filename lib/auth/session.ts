import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { findAccount } from "@/lib/db/users";
import { auth } from "./index";

/**
 * The signed-in user as stored now (once per request), or a redirect to sign-in. A token outlives a
 * disabled or deleted account, so the stored row decides: such a user gets the 401 page.
 */
export const requireUser = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) redirect("/signin");
  const user = await findAccount(session.user.id);
  if (!user || user.disabledAt) unauthorized();
  return user;
});

/** The stored role decides, not the one in the token, so a demotion counts at once. */
export async function requireAdmin() {
  const user = await requireUser();
  if (user.role !== "ADMIN") forbidden();
  return user;
}
