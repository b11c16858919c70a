import "server-only";
import { env } from "@/lib/env";
import { db } from "./client";
import type { Prisma } from "./generated/client";

/** Who is asking, as every layer sees it once authentication is done. */
export type Caller = { id: string; email: string; role: "USER" | "ADMIN" };
/** Enough to decide what someone may see: themselves, or everything for admins. */
export type Viewer = Pick<Caller, "id" | "role">;

// Serialises account creation, so two first sign-ups racing cannot both become the first admin.
const CREATE_USER_LOCK = 0x41_53_55_31;

export function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email } });
}

export function findUserById(id: string) {
  return db.user.findUnique({ where: { id } });
}

// Someone who can sign in: a password or an OAuth account. The user service keys act as and the
// local developer of AUTH_ENABLED=false have neither, so an API call before anyone registered
// cannot take the first-admin place.
const canSignIn = { OR: [{ passwordHash: { not: null } }, { accounts: { some: {} } }] } satisfies Prisma.UserWhereInput;

/** The first account someone can sign in with, and any address in ADMIN_EMAILS, is an admin. */
export function createUser(data: Omit<Prisma.UserCreateInput, "role">) {
  const email = data.email.toLowerCase();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CREATE_USER_LOCK})`;
    const isFirst = (await tx.user.count({ where: canSignIn })) === 0;
    const role = isFirst || env.ADMIN_EMAILS.includes(email) ? "ADMIN" : "USER";
    return tx.user.create({ data: { ...data, email, role } });
  });
}
