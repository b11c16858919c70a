import "server-only";
import { z } from "zod";
import { forgetApiKeyLookups } from "@/lib/auth/api-keys";
import type { Viewer } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const userListSchema = z.object({
  q: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(320).optional()),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const userChangeSchema = z
  .object({ role: z.enum(["USER", "ADMIN"]).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((change) => change.role !== undefined || change.disabled !== undefined, "give role or disabled");
type UserChange = z.infer<typeof userChangeSchema>;

const PAGE_SIZE = 50;
// Serialises role and access changes, so two admins demoting each other cannot leave none.
const ADMIN_CHANGE_LOCK = 0x41_53_55_32;

/**
 * Users, newest first, with their session count and when they were last active: the later of
 * their last sign-in and their latest chat (read from the sessions index for this page only).
 */
export async function listUsers({ q, page }: z.infer<typeof userListSchema>) {
  const where = q
    ? { OR: [{ email: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] }
    : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
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
  const latest = await db.chatSession.groupBy({
    by: ["userId"],
    where: { userId: { in: users.map((user) => user.id) } },
    _max: { lastActiveAt: true },
  });
  const latestChat = new Map(latest.map((row) => [row.userId, row._max.lastActiveAt]));
  return {
    users: users.map(({ _count, lastActiveAt, ...user }) => {
      const chat = latestChat.get(user.id);
      return {
        ...user,
        sessionCount: _count.chatSessions,
        lastActiveAt: !chat || (lastActiveAt && lastActiveAt > chat) ? lastActiveAt : chat,
      };
    }),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/**
 * Changes a user's role or access. There is always an enabled admin left: the last one can be
 * neither demoted nor disabled, and nobody disables their own account.
 */
export async function changeUser(admin: Viewer, id: string, change: UserChange) {
  if (change.disabled && id === admin.id) throw new AppError("conflict", "You cannot disable your own account.");
  const changed = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
    const user = await tx.user.findUnique({ where: { id }, select: { role: true, disabledAt: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    const losesAdmin = user.role === "ADMIN" && !user.disabledAt && (change.role === "USER" || change.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: id } } })) === 0) {
      throw new AppError("conflict", "This is the last enabled admin: make someone else an admin first.");
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
  forgetApiKeyLookups();
  return changed;
}
