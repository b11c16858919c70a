import "server-only";
import { runCounts } from "@/lib/db/runs";
import { countSessions } from "@/lib/db/sessions";
import { countUsers } from "@/lib/db/users";

/** Headline figures for the admin home: each one indexed count. */
export async function adminOverview(now = new Date()) {
  const [users, sessions, runs] = await Promise.all([countUsers(), countSessions(), runCounts(new Date(now.getTime() - 86_400_000))]);
  return { users, sessions, runsToday: runs.started, failedToday: runs.failed, running: runs.running };
}
