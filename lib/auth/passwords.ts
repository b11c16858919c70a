import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { findUserById, insertPasswordReset, setPasswordHash, spendPasswordReset, type Viewer } from "@/lib/db/users";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { firstErrors, passwordChangeSchema, passwordResetSchema } from "./schemas";

export type PasswordErrors = Partial<Record<"current" | "password" | "form", string>>;
type Outcome = { ok: true } | { ok: false; errors: PasswordErrors };

// A bad token is the whole form's problem, not a field's.
const fieldErrors = (issues: { path: PropertyKey[]; message: string }[]) =>
  firstErrors<keyof PasswordErrors>(issues, (field) => (field === "token" ? "form" : (field as keyof PasswordErrors)));

/** The signed-in user's new password, once they have given their current one (if they have one). */
export async function changePassword(userId: string, input: unknown): Promise<Outcome> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const user = await findUserById(userId);
  if (!user) throw new AppError("not_found", "No such user.");
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, parsed.data.current ?? ""))) {
    return { ok: false, errors: { current: "That is not your current password." } };
  }
  await setPasswordHash(userId, await hashPassword(parsed.data.password));
  return { ok: true };
}

// Reset tokens, like API keys, are random enough for a fast hash and are found by it.
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A one-time link for a user to set a new password, for an admin to hand them (valid for
 * PASSWORD_RESET_TTL_MIN; making another voids the last). The path is returned once, never stored.
 */
export async function issuePasswordReset(admin: Viewer, userId: string) {
  if (admin.role !== "ADMIN") throw new AppError("forbidden", "Only admins can reset passwords.");
  if (!(await findUserById(userId))) throw new AppError("not_found", "No such user.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env.PASSWORD_RESET_TTL_MIN * 60_000);
  await insertPasswordReset(userId, tokenHash(token), expiresAt);
  return { path: `/reset-password?token=${token}`, expiresAt };
}

/** Sets the password a reset link is for; the link then stops working. */
export async function resetPassword(input: unknown): Promise<Outcome & { email?: string }> {
  const parsed = passwordResetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const user = await spendPasswordReset(tokenHash(parsed.data.token), await hashPassword(parsed.data.password));
  if (!user) return { ok: false, errors: { form: "This link has expired or was already used. Ask an admin for a new one." } };
  return { ok: true, email: user.email };
}
