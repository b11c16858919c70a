import "server-only";
import type { Viewer } from "@/lib/db/users";
import { listSessions, sessionCursorSchema } from "@/lib/runs/sessions";

const SIDEBAR_PAGE_SIZE = 50;

/** A page of the user's sessions with every agent, most recent first, after the cursor the previous page ended with. */
export function recentSessions(user: Viewer, after?: string) {
  return listSessions(user, { limit: SIDEBAR_PAGE_SIZE, before: after === undefined ? undefined : sessionCursorSchema.parse(after) });
}
