import "server-only";
import { CredentialsSignin } from "next-auth";
import { findUserByEmail } from "@/lib/db/users";
import { limitSignIn } from "@/lib/http/rate-limit";
import { burnPasswordCheck, verifyPassword } from "./password";
import { credentialsSchema } from "./schemas";

/**
 * Too many attempts for this account or from this address: no password is checked. Auth.js answers
 * it as any failed sign-in, with `code=rate_limited` (the form says so, as the sign-in page does).
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * The password is right but an admin has disabled the account: said as such (`code=disabled`), and
 * only to someone who knew the password, so it reveals nothing to anyone guessing.
 */
class AccountDisabled extends CredentialsSignin {
  override code = "disabled";
}

/**
 * The user these credentials belong to, or null. Every failure looks the same to the caller (and
 * takes about as long), so a response never tells whether the email or the password was wrong.
 * Each attempt counts against the client's address and the account (lib/http/rate-limit.ts), on
 * every path that gets here: the sign-in form and Auth.js's own callback endpoint.
 */
export async function authenticate(input: unknown, address: string) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const wait = await limitSignIn(address, email);
  if (wait) throw new SignInRateLimited(wait);
  const user = await findUserByEmail(email);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.disabledAt) throw new AccountDisabled();
  return user;
}

/** What the sign-in form and page say after a failed attempt with this Auth.js error code. */
export function signInFailure(code: string | undefined, retryAfterSeconds?: number) {
  if (code === "disabled") return "This account has been disabled. Ask an administrator to enable it again.";
  if (code !== "rate_limited") return "Invalid email or password.";
  return `Too many sign-in attempts. Try again in ${retryAfterSeconds ? `${retryAfterSeconds} s` : "a minute"}.`;
}
