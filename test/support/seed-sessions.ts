import type { PrismaClient } from "@/lib/db/generated/client";

export const SEED_AGENTS = ["assistant", "country-analyst", "mcp-explorer"] as const;
const STATUSES = ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT", null] as const;
const TOPICS = ["Spain", "invoice totals", "weather in Lima", "MCP files", "Population of France", "quarterly report"];

/**
 * `sessions` chat sessions spread over `users` new users and the last 60 days, through the app's
 * Prisma client, deterministic so filters have known shapes. Returns the users' ids and emails.
 */
export async function seedSessions(db: PrismaClient, { tag, users, sessions }: { tag: string; users: number; sessions: number }) {
  const emails = Array.from({ length: users }, (_, i) => `seed-${tag}-${i}@example.com`);
  await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Seed ${i}` })) });
  const ids = await db.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" }, select: { id: true, email: true } });
  const now = Date.now();
  for (let start = 0; start < sessions; start += 5000) {
    const count = Math.min(5000, sessions - start);
    await db.chatSession.createMany({
      data: Array.from({ length: count }, (_, k) => {
        const i = start + k;
        const lastActiveAt = new Date(now - ((i * 7919) % (60 * 24 * 60)) * 60_000);
        return {
          userId: ids[i % users]!.id,
          agent: SEED_AGENTS[i % SEED_AGENTS.length]!,
          title: `${TOPICS[i % TOPICS.length]} #${i}`,
          createdAt: new Date(lastActiveAt.getTime() - (i % 48) * 3_600_000),
          lastActiveAt,
          messageCount: (i * 13) % 17,
          lastRunStatus: STATUSES[i % STATUSES.length],
        };
      }),
    });
  }
  return ids;
}
