import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db/prisma";
import { createInMemoryMemory } from "./in-memory";
import { createPrismaMemory } from "./prisma";
import type { Memory } from "./types";

const TTL = 60;

/** One behaviour, two stores: the in-memory double must not drift from the real one. */
function memoryContract(name: string, setup: () => Promise<{ memory: Memory; userId: string; otherUserId: string }>) {
  describe(`${name} memory`, () => {
    let memory: Memory;
    let userId: string;
    let otherUserId: string;
    beforeEach(async () => {
      ({ memory, userId, otherUserId } = await setup());
    });

    it("round-trips a multi-turn conversation in order", async () => {
      const { id } = await memory.ensureSession({ userId, agent: "assistant", title: "Hello", ttlMinutes: TTL });
      await memory.addMessage(id, { role: "user", text: "What is 2 + 2?" }, TTL);
      await memory.addMessage(id, { role: "assistant", text: "4", parts: [{ type: "text", text: "4" }] }, TTL);
      await memory.addMessage(id, { role: "user", text: "And times 3?" }, TTL);
      const messages = await memory.getMessages(id);
      expect(messages.map((m) => [m.role, m.text])).toEqual([
        ["user", "What is 2 + 2?"],
        ["assistant", "4"],
        ["user", "And times 3?"],
      ]);
      expect(messages[1]!.parts).toEqual([{ type: "text", text: "4" }]);
      expect((await memory.getSessionMetadata(id))?.messageCount).toBe(3);
    });

    it("windows to the last N messages, oldest first, keeping them all stored", async () => {
      const { id } = await memory.ensureSession({ userId, agent: "assistant", title: "Count", ttlMinutes: TTL });
      for (let i = 1; i <= 7; i++) await memory.addMessage(id, { role: i % 2 ? "user" : "assistant", text: `m${i}` }, TTL);
      expect((await memory.getMessages(id, 3)).map((m) => m.text)).toEqual(["m5", "m6", "m7"]);
      expect(await memory.getMessages(id)).toHaveLength(7);
    });

    it("ensureSession is idempotent for a given id", async () => {
      const first = await memory.ensureSession({ userId, agent: "assistant", title: "One", ttlMinutes: TTL });
      const again = await memory.ensureSession({ id: first.id, userId, agent: "assistant", title: "Two", ttlMinutes: TTL });
      expect(again).toMatchObject({ id: first.id, title: "One" });
    });

    it("lists a user's sessions, most recently active first, filtered by agent", async () => {
      const a = await memory.ensureSession({ userId, agent: "assistant", title: "A", ttlMinutes: TTL });
      const b = await memory.ensureSession({ userId, agent: "country-analyst", title: "B", ttlMinutes: TTL });
      await memory.ensureSession({ userId: otherUserId, agent: "assistant", title: "Not mine", ttlMinutes: TTL });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await memory.addMessage(a.id, { role: "user", text: "bump" }, TTL);
      expect((await memory.listSessions({ userId })).map((s) => s.title)).toEqual(["A", "B"]);
      expect((await memory.listSessions({ userId, agent: "country-analyst" })).map((s) => s.id)).toEqual([b.id]);
      expect(await memory.listSessions({ userId, limit: 1 })).toHaveLength(1);
    });

    it("cleanupExpired removes only expired sessions, with their messages", async () => {
      const short = await memory.ensureSession({ userId, agent: "assistant", title: "Short", ttlMinutes: 1 });
      const long = await memory.ensureSession({ userId, agent: "assistant", title: "Long", ttlMinutes: 120 });
      await memory.addMessage(short.id, { role: "user", text: "soon gone" }, 1);
      const inTenMinutes = new Date(Date.now() + 10 * 60_000);
      expect(await memory.cleanupExpired(inTenMinutes)).toBe(1);
      expect(await memory.getSessionMetadata(short.id)).toBeNull();
      expect(await memory.getMessages(short.id)).toEqual([]);
      expect(await memory.getSessionMetadata(long.id)).not.toBeNull();
    });

    it("activity pushes the expiry forward", async () => {
      const session = await memory.ensureSession({ userId, agent: "assistant", title: "Alive", ttlMinutes: 1 });
      await memory.addMessage(session.id, { role: "user", text: "still here" }, 120);
      expect(await memory.cleanupExpired(new Date(Date.now() + 10 * 60_000))).toBe(0);
    });

    it("clearSession deletes the session and its messages", async () => {
      const { id } = await memory.ensureSession({ userId, agent: "assistant", title: "Bye", ttlMinutes: TTL });
      await memory.addMessage(id, { role: "user", text: "hi" }, TTL);
      await memory.clearSession(id);
      expect(await memory.getSessionMetadata(id)).toBeNull();
      expect(await memory.getMessages(id)).toEqual([]);
    });
  });
}

memoryContract("in-memory", async () => ({ memory: createInMemoryMemory(), userId: "u1", otherUserId: "u2" }));

describe("on the database", () => {
  const db = createDbClient(process.env.DATABASE_URL ?? "");
  beforeAll(async () => {
    expect(process.env.DATABASE_URL, "run through `npm test`, which provides a database").toBeTruthy();
  });
  afterAll(() => db.$disconnect());

  memoryContract("prisma", async () => {
    await db.chatSession.deleteMany();
    await db.user.deleteMany({ where: { email: { in: ["memory-a@example.com", "memory-b@example.com"] } } });
    const a = await db.user.create({ data: { email: "memory-a@example.com" } });
    const b = await db.user.create({ data: { email: "memory-b@example.com" } });
    return { memory: createPrismaMemory(db), userId: a.id, otherUserId: b.id };
  });
});
