import "server-only";
import { db } from "@/lib/db/client";

/** Headline figures for the admin home: each one indexed count. */
export async function adminOverview(now = new Date()) {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [users, sessions, runsToday, failedToday, running] = await Promise.all([
    db.user.count(),
    db.chatSession.count(),
    db.run.count({ where: { createdAt: { gte: dayAgo } } }),
    db.run.count({ where: { createdAt: { gte: dayAgo }, status: { in: ["FAILED", "TIMED_OUT"] } } }),
    db.run.count({ where: { status: "RUNNING" } }),
  ]);
  return { users, sessions, runsToday, failedToday, running };
}
