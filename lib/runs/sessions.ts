import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/db/users";
import { pool } from "@/lib/db/pool";
import { runsOf } from "@/lib/db/runs";
import { findSession, markDeleted, restoreDeleted, messagesOf, retitleSession, sessionsOf, type SessionCursor } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { readSessionLogs } from "./event-store";

/** A session the caller may use: their own (any, for admins). Anything else is "not found". */
export async function findVisibleSession(caller: Viewer, id: string, agent?: string) {
  const session = await findSession(id);
  if (!session || (agent && session.agent !== agent) || (session.userId !== caller.id && caller.role !== "ADMIN")) {
    throw new AppError("not_found", "No such session.");
  }
  return session;
}

/**
 * Where a page of sessions ends, `<time>_<id>`: the last one's activity time and id. Both, because
 * many sessions can share a timestamp and a time alone would skip or repeat them at a page boundary.
 * A bare time (what the REST API's `next_before` used to be) still reads, as "before this instant".
 */
export const sessionCursorSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const [time, id, ...rest] = value.split("_");
    if (!z.iso.datetime().safeParse(time).success || rest.length > 0 || (id !== undefined && !/^[a-z0-9]{1,40}$/.test(id))) {
      ctx.addIssue({ code: "custom", message: "is not a page cursor" });
      return z.NEVER;
    }
    return { at: new Date(time!), id } satisfies SessionCursor;
  });

/** A page of sessions asked for in a query string: how many, before which cursor, and (admins) whose. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: sessionCursorSchema.optional(),
  user: z.string().max(64).optional(),
});

type ListQuery = { limit: number; before?: SessionCursor; agent?: string; user?: string };

const cursorOf = (session: { lastActiveAt: Date; id: string }) => `${session.lastActiveAt.toISOString()}_${session.id}`;

/**
 * A page of the caller's sessions (with one agent, or all), most recent first, and the cursor of
 * the next; admins may ask for anyone's (`user`).
 */
export async function listSessions(caller: Viewer, { limit, before, agent, user }: ListQuery) {
  if (user && caller.role !== "ADMIN") throw new AppError("forbidden", "Only admins can list other users' sessions.");
  const sessions = await sessionsOf(user ?? caller.id, { take: limit + 1, before, agent });
  const page = sessions.slice(0, limit);
  return { sessions: page, next_before: sessions.length > limit ? cursorOf(page.at(-1)!) : null };
}

export type SessionPage = Awaited<ReturnType<typeof listSessions>>;

/**
 * A visible session with what every view of it is built from: its messages (questions, and the
 * answers' texts), its runs, and the stored events of its ended runs, which are what each answer showed.
 */
export async function readSession(caller: Viewer, id: string, agent?: string) {
  const session = await findVisibleSession(caller, id, agent);
  const [messages, runs, logs] = await Promise.all([messagesOf(id), runsOf(id), readSessionLogs(pool, id)]);
  return { session, messages, runs, logs };
}

export type SessionRecord = Awaited<ReturnType<typeof readSession>>;

/** Deletes the session: gone from every view at once, restorable for SESSION_UNDO_S, then purged with its messages, runs and events. */
export async function deleteSession(caller: Viewer, agent: string | undefined, id: string) {
  await findVisibleSession(caller, id, agent);
  await markDeleted(id);
}

/** Undoes the caller's own deletion of a session, while it has not been purged. */
export async function restoreSession(caller: Viewer, id: string) {
  if (!(await restoreDeleted(caller.id, id))) throw new AppError("not_found", "That chat can no longer be restored.");
}

export const renameSessionSchema = z
  .object({ title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters") })
  .strict();

/** Renames a session (titles start as the first question). */
export async function renameSession(caller: Viewer, agent: string | undefined, id: string, title: string) {
  await findVisibleSession(caller, id, agent);
  return retitleSession(id, title);
}
