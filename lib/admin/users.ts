import "server-only";
import { z } from "zod";
import { forgetApiKeyLookups } from "@/lib/auth/api-keys";
import { latestChatOf } from "@/lib/db/sessions";
import { changeAccess, userPage, type Viewer } from "@/lib/db/users";
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

/**
 * Users, newest first, with their session count and when they were last active: the later of
 * their last sign-in and their latest chat (read from the sessions index for this page only).
 */
export async function listUsers({ q, page }: z.infer<typeof userListSchema>) {
  const { users, total } = await userPage({ q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const latestChat = await latestChatOf(users.map((user) => user.id));
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
  const changed = await changeAccess(id, change);
  if (changed === "missing") throw new AppError("not_found", "No such user.");
  if (changed === "last_admin") throw new AppError("conflict", "This is the last enabled admin: make someone else an admin first.");
  forgetApiKeyLookups();
  return changed;
}
