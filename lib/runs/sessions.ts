import "server-only";
import type { Viewer } from "@/lib/db/users";
import { db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readSessionLogs } from "./event-store";

const sessionFields = {
  id: true,
  agent: true,
  title: true,
  userId: true,
  createdAt: true,
  lastActiveAt: true,
  expiresAt: true,
  messageCount: true,
  lastRunStatus: true,
} as const;

/** A session the caller may use: their own (any, for admins). Anything else is "not found". */
export async function findVisibleSession(caller: Viewer, id: string, agent?: string) {
  const session = await db.chatSession.findUnique({ where: { id } });
  if (!session || (agent && session.agent !== agent) || (session.userId !== caller.id && caller.role !== "ADMIN")) {
    throw new AppError("not_found", "No such session.");
  }
  return session;
}

type ListQuery = { limit: number; before?: string; user?: string };

/** The caller's sessions with an agent, most recent first; admins may ask for anyone's (`user`). */
export async function listSessions(caller: Viewer, agent: string, { limit, before, user }: ListQuery) {
  if (user && caller.role !== "ADMIN") throw new AppError("forbidden", "Only admins can list other users' sessions.");
  const sessions = await db.chatSession.findMany({
    where: { agent, userId: user ?? caller.id, lastActiveAt: before ? { lt: new Date(before) } : undefined },
    orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: sessionFields,
  });
  const page = sessions.slice(0, limit);
  return { sessions: page, next_before: sessions.length > limit ? page.at(-1)!.lastActiveAt.toISOString() : null };
}

/**
 * A visible session with what every view of it is built from: its messages (questions, and the
 * answers' texts), its runs, and the stored events of its ended runs, which are what each answer showed.
 */
export async function readSession(caller: Viewer, id: string, agent?: string) {
  const session = await findVisibleSession(caller, id, agent);
  const [messages, runs, logs] = await Promise.all([
    db.message.findMany({
      where: { sessionId: id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, role: true, text: true, runId: true, createdAt: true },
    }),
    db.run.findMany({
      where: { sessionId: id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        model: true,
        createdAt: true,
        finishedAt: true,
        durationMs: true,
        inputTokens: true,
        outputTokens: true,
        errorCode: true,
        errorMessage: true,
      },
    }),
    readSessionLogs(pool, id),
  ]);
  return { session, messages, runs, logs };
}

export type SessionRecord = Awaited<ReturnType<typeof readSession>>;

/** Deletes the session with its messages, runs and events. */
export async function deleteSession(caller: Viewer, agent: string | undefined, id: string) {
  await findVisibleSession(caller, id, agent);
  await db.chatSession.delete({ where: { id } });
}

/** Renames a session (titles start as the first question). */
export async function renameSession(caller: Viewer, agent: string | undefined, id: string, title: string) {
  await findVisibleSession(caller, id, agent);
  return db.chatSession.update({ where: { id }, data: { title }, select: sessionFields });
}
