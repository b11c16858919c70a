import "server-only";
import { z } from "zod";
import { searchSessionsOf } from "@/lib/db/sessions";
import type { Viewer } from "@/lib/db/users";
import { listSessions, sessionCursorSchema } from "@/lib/runs/sessions";

const SIDEBAR_PAGE_SIZE = 50;
const SEARCH_RESULTS = 20;
const SNIPPET_CHARS = 90;

/** A page of the user's sessions with every agent, most recent first, after the cursor the previous page ended with. */
export function recentSessions(user: Viewer, after?: string) {
  return listSessions(user, { limit: SIDEBAR_PAGE_SIZE, before: after === undefined ? undefined : sessionCursorSchema.parse(after) });
}

export const chatSearchSchema = z.string().trim().min(1).max(200);

/** The stretch of what was `said` around the first place it holds `q`, on one line, with where in it the match is. */
function snippetOf(said: string, q: string) {
  // Answers are Markdown: the snippet is their words, without emphasis, code ticks, list and heading marks.
  const line = said
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|\s)(?:[#>]+|[-*]|\d+\.)\s/g, "$1")
    .replace(/\s+/g, " ");
  const at = line.toLowerCase().indexOf(q.toLowerCase());
  const start = Math.max(0, at - Math.floor((SNIPPET_CHARS - q.length) / 2));
  const shown = line.slice(start, start + SNIPPET_CHARS);
  const text = `${start > 0 ? "…" : ""}${shown}${start + SNIPPET_CHARS < line.length ? "…" : ""}`;
  // -1 when only the database's case folding found it: shown, not marked.
  return { text, match: at < 0 ? -1 : at - start + (start > 0 ? 1 : 0), length: q.length };
}

/** The user's chats whose title or messages hold `q`, most recent first, each with a snippet of the message that matched. */
export async function searchChats(user: Viewer, q: string) {
  const found = await searchSessionsOf(user.id, q, SEARCH_RESULTS);
  return found.map(({ messages, ...session }) => ({
    ...session,
    snippet: messages[0] && snippetOf(messages[0].text, q),
  }));
}

export type ChatSearchResult = Awaited<ReturnType<typeof searchChats>>[number];
