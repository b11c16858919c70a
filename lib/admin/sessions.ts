import "server-only";
import { db } from "@/lib/db/client";
import { sessionOrder, sessionWhere, type SessionFilters } from "./session-filters";

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
export async function listAdminSessions(filters: SessionFilters) {
  const where = sessionWhere(filters);
  const [sessions, total] = await Promise.all([
    db.chatSession.findMany({
      where,
      orderBy: sessionOrder(filters),
      skip: (filters.page - 1) * filters.size,
      take: filters.size,
      select: rowFields,
    }),
    db.chatSession.count({ where }),
  ]);
  return { sessions, total, page: filters.page, size: filters.size, pages: Math.max(1, Math.ceil(total / filters.size)) };
}

/**
 * Every session the filters match, in their order, a batch at a time: each batch starts after the
 * previous one's last row (keyset), so a long export neither loads everything nor re-scans skipped rows.
 */
export async function* allAdminSessions(filters: SessionFilters, batch = 1000) {
  const where = sessionWhere(filters);
  for (let cursor: string | undefined; ;) {
    const rows = await db.chatSession.findMany({
      where,
      orderBy: sessionOrder(filters),
      take: batch,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
      select: rowFields,
    });
    yield* rows;
    if (rows.length < batch) return;
    cursor = rows.at(-1)!.id;
  }
}
