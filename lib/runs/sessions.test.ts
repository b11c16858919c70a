import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/db/users";
import { db } from "@/lib/db/client";
import { purgeSessions } from "@/lib/db/sessions";
import { deleteSession, findVisibleSession, listSessions, restoreSession, sessionCursorSchema } from "./sessions";

let user: Viewer;
const created: string[] = [];
const tie = new Date("2026-01-02T10:00:00Z");

beforeAll(async () => {
  const row = await db.user.create({ data: { email: `sessions-${Date.now()}@example.com` } });
  user = { id: row.id, role: "USER" };
  // Seven sessions, five of them at the same instant, so pages of three end inside the tie.
  const times = [new Date("2026-01-03T10:00:00Z"), tie, tie, tie, tie, tie, new Date("2026-01-01T10:00:00Z")];
  for (const [i, lastActiveAt] of times.entries()) {
    const agent = i === 6 ? "country-analyst" : "assistant";
    created.push((await db.chatSession.create({ data: { userId: user.id, agent, title: `chat ${i}`, lastActiveAt } })).id);
  }
});
afterAll(() => db.user.delete({ where: { id: user.id } }));

const cursor = (value: string) => sessionCursorSchema.parse(value);

describe("pages of sessions", () => {
  it("walk every session once, newest first, across pages that end inside a tie", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listSessions>> = await listSessions(user, {
        limit: 3,
        before: before ? cursor(before) : undefined,
      });
      seen.push(...page.sessions.map((session) => session.id));
      before = page.next_before;
    } while (before);
    const tied = created.slice(1, 6).sort().reverse();
    expect(seen).toEqual([created[0], ...tied, created[6]]);
  });

  it("keep to one agent when asked, and have no next page after the last one", async () => {
    const page = await listSessions(user, { limit: 7, agent: "assistant" });
    expect(page.sessions).toHaveLength(6);
    expect(page.next_before).toBeNull();
  });

  it("still read a bare time as 'before this instant'", async () => {
    const page = await listSessions(user, { limit: 10, before: cursor(tie.toISOString()) });
    expect(page.sessions.map((session) => session.id)).toEqual([created[6]]);
  });

  it("refuse a cursor they did not make", () => {
    for (const bad of ["yesterday_x", "2026-01-01T00:00:00.000Z_'; drop", "2026-01-01T00:00:00.000Z_a_b"]) {
      expect(sessionCursorSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("of someone else are for admins only", async () => {
    const other: Viewer = { id: "someone-else", role: "USER" };
    await expect(listSessions(other, { limit: 3, user: user.id })).rejects.toMatchObject({ code: "forbidden" });
    const admin: Viewer = { id: "an-admin", role: "ADMIN" };
    expect((await listSessions(admin, { limit: 3, user: user.id })).sessions).toHaveLength(3);
  });
});

describe("deleting a session", () => {
  it("hides it at once, lets its owner restore it, and purges it once its undo time is over", async () => {
    const id = (await db.chatSession.create({ data: { userId: user.id, agent: "assistant", title: "to delete" } })).id;
    await db.message.create({ data: { sessionId: id, role: "USER", text: "bye" } });
    const listed = async () => (await listSessions(user, { limit: 100 })).sessions.map((session) => session.id);
    await deleteSession(user, undefined, id);
    expect(await listed()).not.toContain(id);
    await expect(findVisibleSession(user, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(restoreSession({ id: "someone-else", role: "ADMIN" }, id)).rejects.toMatchObject({ code: "not_found" });

    await restoreSession(user, id);
    expect(await listed()).toContain(id);
    await expect(restoreSession(user, id)).rejects.toMatchObject({ code: "not_found" });

    await deleteSession(user, undefined, id);
    // Within its undo time it stays; after it, it goes with what was in it.
    await purgeSessions(new Date(Date.now() - 60_000));
    expect(await db.chatSession.count({ where: { id } })).toBe(1);
    await purgeSessions(new Date(Date.now() + 1000));
    expect(await db.chatSession.count({ where: { id } })).toBe(0);
    expect(await db.message.count({ where: { sessionId: id } })).toBe(0);
  });
});
