import "server-only";
import { findUserByEmail } from "@/lib/db/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { credentialsSchema } from "./schemas";

/**
 * The user these credentials belong to, or null. Every failure looks the same to the caller (and
 * takes about as long), so a response never tells whether the email or the password was wrong.
 */
export async function authenticate(input: unknown) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid || user.disabledAt) return null;
  return user;
}
