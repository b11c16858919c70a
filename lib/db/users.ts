import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { env } from "@/lib/env";
import { db } from "./client";
import { Prisma } from "./generated/client";

/* User and the tables of signing in (Auth.js's accounts and sessions, password reset links). */

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

/** Auth.js's OAuth accounts and sessions; new OAuth users get the same first-admin rule as sign-ups. */
export function oauthAdapter(): Adapter {
  return {
    ...PrismaAdapter(db),
    createUser: ({ email, name, image, emailVerified }) => createUser({ email, name, image, emailVerified }),
  };
}

/** The account a signed-in page works with: never the password hash. */
export function findAccount(id: string) {
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabledAt: true } });
}

/** An account nobody signs in with (the local developer, the user API service keys act as), made on first use. */
export async function ensureUser(email: string, name: string) {
  try {
    return await db.user.upsert({ where: { email }, create: { email, name }, update: {} });
  } catch (error) {
    // Prisma's upsert reads, then inserts: requests made together race to create it, and one wins.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return db.user.findUniqueOrThrow({ where: { email } });
    throw error;
  }
}

/** "Last active" in the admin's user list counts sign-ins, not only chats. */
export async function touchUser(id: string, at = new Date()) {
  await db.user.update({ where: { id }, data: { lastActiveAt: at } });
}

export function countUsers() {
  return db.user.count();
}

/** A page of users, newest first, whose email or name holds `q` (any case), with the total that match. */
export async function userPage({ q, skip, take }: { q?: string; skip: number; take: number }) {
  const where = q
    ? { OR: [{ email: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] }
    : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        lastActiveAt: true,
        disabledAt: true,
        _count: { select: { chatSessions: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  return { users, total };
}

type AccessChange = { role?: "USER" | "ADMIN"; disabled?: boolean };
// Serialises role and access changes, so two admins demoting each other cannot leave none.
const ADMIN_CHANGE_LOCK = 0x41_53_55_32;

/**
 * Changes a user's role or access unless it would leave no enabled admin: "missing" for no such
 * user, "last_admin" when it was refused, else the user as changed.
 */
export function changeAccess(id: string, change: AccessChange) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
    const user = await tx.user.findUnique({ where: { id }, select: { role: true, disabledAt: true } });
    if (!user) return "missing" as const;
    const losesAdmin = user.role === "ADMIN" && !user.disabledAt && (change.role === "USER" || change.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: id } } })) === 0) {
      return "last_admin" as const;
    }
    return tx.user.update({
      where: { id },
      data: {
        role: change.role,
        disabledAt: change.disabled === undefined ? undefined : change.disabled ? (user.disabledAt ?? new Date()) : null,
      },
      select: { id: true, email: true, role: true, disabledAt: true },
    });
  });
}

export async function setPasswordHash(id: string, passwordHash: string) {
  await db.user.update({ where: { id }, data: { passwordHash } });
}

/** A reset link's token, stored as its hash, for `userId` until `expiresAt`; earlier unused links of theirs stop working. */
export async function insertPasswordReset(userId: string, tokenHash: string, expiresAt: Date) {
  await db.$transaction([
    db.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } }),
    db.passwordReset.create({ data: { userId, tokenHash, expiresAt } }),
  ]);
}

/**
 * Spends a reset link: sets the password of its user if the link is unused and unexpired, in one
 * transaction, so a link works once however many times it is sent. The user, or null.
 */
export function spendPasswordReset(tokenHash: string, passwordHash: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) return null;
    const { userId } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    return tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true, email: true } });
  });
}
