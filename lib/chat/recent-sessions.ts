import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";

const SIDEBAR_PAGE_SIZE = 50;

/**
 * Where a page of the sidebar ends: the last session's activity time and id. Both, because many
 * sessions can share a timestamp and a time alone would skip or repeat them at a page boundary.
 */
const cursorSchema = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const [time, id] = value.split("_");
    const at = new Date(time ?? "");
    if (Number.isNaN(at.getTime()) || !id || !/^[a-z0-9]+$/.test(id)) {
      ctx.addIssue({ code: "custom", message: "not a sidebar cursor" });
      return z.NEVER;
    }
    return { at, id };
  });

type Row = { id: string; agent: string; title: string; lastActiveAt: Date };

const cursorOf = (row: Row) => `${row.lastActiveAt.toISOString()}_${row.id}`;

/** A page of the user's sessions with every agent, most recent first, for the sidebar. */
export async function recentSessions(userId: string, after?: string, limit = SIDEBAR_PAGE_SIZE) {
  const from = after === undefined ? undefined : cursorSchema.parse(after);
  const rows = await db.chatSession.findMany({
    where: {
      userId,
      ...(from && { OR: [{ lastActiveAt: { lt: from.at } }, { lastActiveAt: from.at, id: { lt: from.id } }] }),
    },
    orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, agent: true, title: true, lastActiveAt: true },
  });
  const sessions = rows.slice(0, limit);
  return { sessions, next: rows.length > limit ? cursorOf(sessions.at(-1)!) : null };
}

export type SidebarPage = Awaited<ReturnType<typeof recentSessions>>;
