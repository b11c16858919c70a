import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { seedSessions } from "@/test/support/seed-sessions";
import { sessionFiltersSchema } from "@/lib/admin/session-filters";
import { allAdminSessions, purgeSessions, listAdminSessions } from "./sessions";

// 5,000 sessions across 20 users; every figure is checked against SQL written independently.
let users: { id: string; email: string }[];

beforeAll(async () => {
  users = await seedSessions(db, { tag: `admin-${Date.now()}`, users: 20, sessions: 5000 });
}, 60_000);
afterAll(() => db.user.deleteMany({ where: { id: { in: users.map((user) => user.id) } } }));

const filters = (query: Record<string, string>) => sessionFiltersSchema.parse(query);
const sqlCount = async (where: Prisma.Sql) =>
  Number(
    (
      await db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM "ChatSession" s JOIN "User" u ON u.id = s."userId" WHERE s."deletedAt" IS NULL AND ${where}`
    )[0]!.n,
  );

describe("admin session list", () => {
  it("counts every session with no filter", async () => {
    expect((await listAdminSessions(filters({}))).total).toBe(await sqlCount(Prisma.sql`true`));
  });

  it("counts what each filter and their combination match, as SQL does", async () => {
    const user = users[3]!;
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, string>, Prisma.Sql][] = [
      [{ agent: "country-analyst" }, Prisma.sql`s.agent = 'country-analyst'`],
      [{ user: user.email.toUpperCase() }, Prisma.sql`lower(u.email) = lower(${user.email})`],
      [{ user: user.email.slice(2, -14).toUpperCase() }, Prisma.sql`u.email ILIKE ${`%${user.email.slice(2, -14)}%`}`],
      [{ status: "FAILED" }, Prisma.sql`s."lastRunStatus" = 'FAILED'`],
      [{ from: day(20), to: day(10) }, Prisma.sql`s."lastActiveAt" >= ${day(20)}::date AND s."lastActiveAt" < ${day(10)}::date + 1`],
      [{ q: "weather IN lima" }, Prisma.sql`s.title ILIKE '%weather in lima%'`],
      [
        { agent: "assistant", status: "SUCCEEDED", q: "spain", from: day(30) },
        Prisma.sql`s.agent = 'assistant' AND s."lastRunStatus" = 'SUCCEEDED' AND s.title ILIKE '%spain%' AND s."lastActiveAt" >= ${day(30)}::date`,
      ],
    ];
    for (const [query, where] of cases) {
      const expected = await sqlCount(where);
      expect(expected, JSON.stringify(query)).toBeGreaterThan(0);
      expect((await listAdminSessions(filters(query))).total, JSON.stringify(query)).toBe(expected);
    }
  });

  it("pages through a user's sessions in order, each once", async () => {
    const user = users[7]!;
    const expected = (
      await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "ChatSession" WHERE "deletedAt" IS NULL AND "userId" = ${user.id} ORDER BY "lastActiveAt" DESC, id DESC`
    ).map((row) => row.id);
    const first = await listAdminSessions(filters({ user: user.email, size: "40" }));
    expect(first.pages).toBe(Math.ceil(expected.length / 40));
    const seen = [...first.sessions];
    for (let page = 2; page <= first.pages; page++)
      seen.push(...(await listAdminSessions(filters({ user: user.email, size: "40", page: String(page) }))).sessions);
    expect(seen.map((session) => session.id)).toEqual(expected);
    expect(seen.every((session) => session.user.email === user.email)).toBe(true);
  });

  it("sorts by message count, ties by id", async () => {
    const page = await listAdminSessions(filters({ sort: "messageCount", dir: "asc", agent: "mcp-explorer" }));
    const expected = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "ChatSession" WHERE "deletedAt" IS NULL AND agent = 'mcp-explorer' ORDER BY "messageCount" ASC, id ASC LIMIT 50`;
    expect(page.sessions.map((session) => session.id)).toEqual(expected.map((row) => row.id));
  });

  it("exports every matching session in list order, across batches", async () => {
    const query = filters({ status: "CANCELLED", sort: "createdAt", dir: "asc" });
    const exported: string[] = [];
    for await (const session of allAdminSessions(query, 97)) exported.push(session.id);
    const expected = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "ChatSession" WHERE "deletedAt" IS NULL AND "lastRunStatus" = 'CANCELLED' ORDER BY "createdAt" ASC, id ASC`;
    expect(exported.length).toBeGreaterThan(97 * 3);
    expect(exported).toEqual(expected.map((row) => row.id));
  });

  it("refuses filters that are not what they claim", () => {
    expect(sessionFiltersSchema.safeParse({ status: "DONE" }).success).toBe(false);
    expect(sessionFiltersSchema.safeParse({ from: "last week" }).success).toBe(false);
    expect(sessionFiltersSchema.safeParse({ sort: "title; drop table" }).success).toBe(false);
    expect(sessionFiltersSchema.parse({ agent: "", q: "" })).toMatchObject({
      agent: undefined,
      q: undefined,
      sort: "lastActiveAt",
      dir: "desc",
      page: 1,
      size: 50,
    });
  });
});

describe("expiry", () => {
  it("deletes only expired sessions, with everything in them", async () => {
    const expired = await db.chatSession.create({
      data: { userId: users[0]!.id, agent: "assistant", title: "old", expiresAt: new Date(Date.now() - 1000) },
    });
    const alive = await db.chatSession.create({
      data: { userId: users[0]!.id, agent: "assistant", title: "new", expiresAt: new Date(Date.now() + 3600_000) },
    });
    await db.message.create({ data: { sessionId: expired.id, role: "USER", text: "bye" } });
    expect(await purgeSessions(new Date(Date.now() - 60_000))).toBeGreaterThanOrEqual(1);
    expect(await db.chatSession.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db.message.count({ where: { sessionId: expired.id } })).toBe(0);
    expect(await db.chatSession.findUnique({ where: { id: alive.id } })).not.toBeNull();
  });
});
