import "server-only";
import { env } from "@/lib/env";
import { createUser, findUserByEmail } from "@/lib/db/users";
import { Prisma } from "@/lib/db/generated/client";
import { hashPassword } from "./password";
import { firstErrors, registrationSchema } from "./schemas";

export type FieldErrors = Partial<Record<"name" | "email" | "password" | "form", string>>;

type RegistrationResult = { ok: true; user: { id: string; email: string; role: "USER" | "ADMIN" } } | { ok: false; errors: FieldErrors };

const EMAIL_TAKEN: FieldErrors = { email: "An account with this email already exists. Sign in instead." };

export async function registerUser(input: unknown): Promise<RegistrationResult> {
  if (!env.ALLOW_REGISTRATION) {
    return { ok: false, errors: { form: "Registration is closed on this server. Ask an admin for an account." } };
  }
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: firstErrors<keyof FieldErrors>(parsed.error.issues) };
  }
  const { email, name, password } = parsed.data;
  if (await findUserByEmail(email)) return { ok: false, errors: EMAIL_TAKEN };
  try {
    const user = await createUser({ email, name: name || null, passwordHash: await hashPassword(password) });
    return { ok: true, user: { id: user.id, email: user.email, role: user.role } };
  } catch (error) {
    // Lost a race with a concurrent registration of the same address.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: EMAIL_TAKEN };
    }
    throw error;
  }
}
