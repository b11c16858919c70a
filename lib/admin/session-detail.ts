import "server-only";
import type { Viewer } from "@/lib/db/users";
import { loadTranscript } from "@/lib/chat/transcript";
import { db } from "@/lib/db/client";
import { timelineOf } from "./timeline";

/** A session as its user saw it, with each run's metadata and event timeline. */
export async function adminSessionDetail(admin: Viewer, id: string) {
  const { session, messages } = await loadTranscript(admin, id);
  const [user, runs] = await Promise.all([
    db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }),
    db.run.findMany({
      where: { sessionId: id },
      orderBy: { createdAt: "asc" },
      omit: { params: true, output: true },
      include: { events: { orderBy: { seq: "asc" }, select: { seq: true, type: true, data: true, createdAt: true } } },
    }),
  ]);
  return {
    session,
    user,
    messages,
    runs: runs.map(({ events, ...run }) => ({ ...run, timeline: timelineOf(events, run.startedAt ?? run.createdAt) })),
  };
}
