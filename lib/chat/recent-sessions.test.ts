import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recentSessions } from "./recent-sessions";

let userId: string;
const created: string[] = [];

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `sidebar-${Date.now()}@example.com` } })).id;
  const tie = new Date("2026-01-02T10:00:00Z");
  // Seven sessions, five of them at the same instant, so pages of three end inside the tie.
  const times = [new Date("2026-01-03T10:00:00Z"), tie, tie, tie, tie, tie, new Date("2026-01-01T10:00:00Z")];
  for (const [i, lastActiveAt] of times.entries()) {
    created.push((await db.chatSession.create({ data: { userId, agent: "assistant", title: `chat ${i}`, lastActiveAt } })).id);
  }
});
afterAll(() => db.user.delete({ where: { id: userId } }));

describe("sidebar pages", () => {
  it("walks every session once, newest first, across pages that end inside a tie", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await recentSessions(userId, after, 3);
      seen.push(...page.sessions.map((session) => session.id));
      after = page.next ?? undefined;
    } while (after);
    const tied = created.slice(1, 6).sort().reverse();
    expect(seen).toEqual([created[0], ...tied, created[6]]);
  });

  it("has no next page after the last one", async () => {
    expect((await recentSessions(userId, undefined, 7)).next).toBeNull();
  });

  it("refuses a cursor it did not make", async () => {
    await expect(recentSessions(userId, "yesterday_x")).rejects.toThrow(/not a sidebar cursor/);
    await expect(recentSessions(userId, "2026-01-01T00:00:00.000Z_'; drop")).rejects.toThrow(/not a sidebar cursor/);
  });
});
