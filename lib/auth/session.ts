import "server-only";
import { forbidden, redirect } from "next/navigation";
import { findUserById } from "@/lib/db/users";
import { auth } from "./index";

/** The signed-in user, or a redirect to sign-in. The proxy already guards pages; this types the result. */
export async function requireUser() {
  const session = await auth();
  if (!session?.user?.id) redirect("/signin");
  return session.user;
}

/** Checks the stored role, not the one in the token, so a demotion or a disabled account counts at once. */
export async function requireAdmin() {
  const { id } = await requireUser();
  const user = await findUserById(id);
  if (!user || user.disabledAt) redirect("/signin");
  if (user.role !== "ADMIN") forbidden();
  return user;
}
