import "server-only";
import { db } from "./client";
import type { Prisma, RunStatus } from "./generated/client";

/**
 * Every query of ChatSession and Message, the chats and what was said in them. The run pipeline's
 * batched writes (a run's start and end update its session in the same statement) are SQL in
 * lib/runs/{run,event}-store.ts.
 */

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

/** A session nobody has deleted. */
export function findSession(id: string) {
  return db.chatSession.findFirst({ where: { id, deletedAt: null } });
}

/** Where a page of sessions ends: the last one's activity time and, for sessions sharing it, its id. */
export type SessionCursor = { at: Date; id?: string };

const olderThan = ({ at, id }: SessionCursor) =>
  id === undefined ? { lastActiveAt: { lt: at } } : { OR: [{ lastActiveAt: { lt: at } }, { lastActiveAt: at, id: { lt: id } }] };

/** Up to `take` of a user's sessions (with one agent, or all), most recent first, after `before`. */
export function sessionsOf(userId: string, { take, before, agent }: { take: number; before?: SessionCursor; agent?: string }) {
  return db.chatSession.findMany({
    where: { agent, userId, deletedAt: null, ...(before && olderThan(before)) },
    orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
    take,
    select: sessionFields,
  });
}

/**
 * Up to `take` of a user's sessions whose title or any message holds `q` (any case), most recent
 * first, each with its first message that holds it.
 */
export function searchSessionsOf(userId: string, q: string, take: number) {
  const holds = { contains: q, mode: "insensitive" as const };
  return db.chatSession.findMany({
    where: { userId, deletedAt: null, OR: [{ title: holds }, { messages: { some: { text: holds } } }] },
    orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
    take,
    select: { ...sessionFields, messages: { where: { text: holds }, orderBy: { createdAt: "asc" }, take: 1, select: { text: true } } },
  });
}

/** A session's messages in the order they were said: questions, and the answers' texts. */
export function messagesOf(sessionId: string) {
  return db.message.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, role: true, text: true, runId: true, createdAt: true },
  });
}

/** Hides a session at once; it is purged with its messages, runs and events once its undo time is over. */
export async function markDeleted(id: string, at = new Date()) {
  await db.chatSession.update({ where: { id }, data: { deletedAt: at } });
}

/** A deleted session back, while it has not been purged; false when it is gone (or was never deleted). */
export async function restoreDeleted(userId: string, id: string) {
  const { count } = await db.chatSession.updateMany({ where: { id, userId, deletedAt: { not: null } }, data: { deletedAt: null } });
  return count > 0;
}

export function retitleSession(id: string, title: string) {
  return db.chatSession.update({ where: { id }, data: { title }, select: sessionFields });
}

/** A better title, unless the session has been renamed from `from` meanwhile. */
export async function retitleUnlessRenamed(id: string, from: string, title: string) {
  await db.chatSession.updateMany({ where: { id, title: from }, data: { title } });
}

/** Sessions past their agent's TTL, and those deleted before `deletedBefore`, with their messages, runs and events. */
export async function purgeSessions(deletedBefore: Date, now = new Date()) {
  const { count } = await db.chatSession.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { deletedAt: { lt: deletedBefore } }] } });
  return count;
}

export function countSessions() {
  return db.chatSession.count({ where: { deletedAt: null } });
}

/** Each user's latest chat activity, for the given users only. */
export async function latestChatOf(userIds: string[]) {
  const rows = await db.chatSession.groupBy({
    by: ["userId"],
    where: { userId: { in: userIds }, deletedAt: null },
    _max: { lastActiveAt: true },
  });
  return new Map(rows.map((row) => [row.userId, row._max.lastActiveAt]));
}

/** Every user's sessions as the admin filters them: `user` is part of an email, days are UTC (inclusive). */
type SessionQuery = {
  agent?: string;
  user?: string;
  status?: RunStatus;
  from?: string;
  to?: string;
  q?: string;
  sort: "lastActiveAt" | "createdAt" | "messageCount";
  dir: "asc" | "desc";
  page: number;
  size: number;
};

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

// Each condition is one an index serves: the title and the email through their trigram indexes.
function sessionWhere({ agent, user, status, from, to, q }: SessionQuery): Prisma.ChatSessionWhereInput {
  return {
    deletedAt: null,
    agent,
    lastRunStatus: status,
    user: user ? { email: { contains: user, mode: "insensitive" } } : undefined,
    lastActiveAt: from || to ? { gte: from ? new Date(`${from}T00:00:00Z`) : undefined, lt: to ? nextDay(to) : undefined } : undefined,
    title: q ? { contains: q, mode: "insensitive" } : undefined,
  };
}

// Then by id, so equal values keep a stable order across pages.
const sessionOrder = ({ sort, dir }: SessionQuery): Prisma.ChatSessionOrderByWithRelationInput[] => [{ [sort]: dir }, { id: dir }];

const rowFields = {
  id: true,
  agent: true,
  title: true,
  createdAt: true,
  lastActiveAt: true,
  messageCount: true,
  lastRunStatus: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

/** One page of every user's sessions, with the total that matches the filters. */
export async function listAdminSessions(query: SessionQuery) {
  const where = sessionWhere(query);
  const [sessions, total] = await Promise.all([
    db.chatSession.findMany({
      where,
      orderBy: sessionOrder(query),
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: rowFields,
    }),
    db.chatSession.count({ where }),
  ]);
  return { sessions, total, page: query.page, size: query.size, pages: Math.max(1, Math.ceil(total / query.size)) };
}

/**
 * Every session the filters match, in their order, a batch at a time: each batch starts after the
 * previous one's last row (keyset), so a long export neither loads everything nor re-scans skipped rows.
 */
export async function* allAdminSessions(query: SessionQuery, batch = 1000) {
  const where = sessionWhere(query);
  for (let cursor: string | undefined; ;) {
    const rows = await db.chatSession.findMany({
      where,
      orderBy: sessionOrder(query),
      take: batch,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      select: rowFields,
    });
    yield* rows;
    if (rows.length < batch) return;
    cursor = rows.at(-1)!.id;
  }
}
