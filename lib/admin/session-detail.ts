import "server-only";
import type { Viewer } from "@/lib/db/users";
import { loadTranscript } from "@/lib/chat/transcript";
import { runsWithEventsOf } from "@/lib/db/runs";
import { findUserById } from "@/lib/db/users";
import { timelineOf } from "./timeline";

/** A session as its user saw it, with each run's metadata and event timeline. */
export async function adminSessionDetail(admin: Viewer, id: string) {
  const { session, messages } = await loadTranscript(admin, id);
  const [user, runs] = await Promise.all([findUserById(session.userId), runsWithEventsOf(id)]);
  return {
    session,
    user: user && { id: user.id, email: user.email, name: user.name },
    messages,
    runs: runs.map(({ events, ...run }) => ({ ...run, timeline: timelineOf(events, run.startedAt ?? run.createdAt) })),
  };
}
