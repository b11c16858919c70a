import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { createMemoryBus } from "./bus";
import { deleteExpiredSessions, interruptOrphanedRuns } from "./cleanup";
import { readEvents } from "./event-store";

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `cleanup-${Date.now()}@example.com` } })).id;
});
afterAll(() => pool.end());

async function runWith(data: { status: "RUNNING" | "SUCCEEDED"; instanceId: string; createdAt?: Date }) {
  const session = await db.chatSession.create({ data: { userId, agent: "assistant", title: "t" } });
  const run = await db.run.create({ data: { sessionId: session.id, userId, agent: "assistant", model: "demo", query: "q", ...data } });
  await db.runEvent.create({ data: { runId: run.id, seq: 1, type: "start", data: {} } });
  return run.id;
}

describe("housekeeping", () => {
  it("ends runs orphaned by a restart with INTERRUPTED, leaving live and finished ones alone", async () => {
    const orphan = await runWith({ status: "RUNNING", instanceId: "dead-instance" });
    const mine = await runWith({ status: "RUNNING", instanceId: "this-instance" });
    const finished = await runWith({ status: "SUCCEEDED", instanceId: "dead-instance" });
    const bus = createMemoryBus();
    const published: unknown[] = [];
    await bus.subscribe(orphan, (message) => published.push(message));

    await interruptOrphanedRuns({ db, pool, bus }, "this-instance", true);

    expect(await db.run.findUniqueOrThrow({ where: { id: orphan } })).toMatchObject({ status: "FAILED", errorCode: "INTERRUPTED" });
    expect((await readEvents(pool, orphan)).at(-1)).toMatchObject({ type: "error", code: "INTERRUPTED", seq: 2 });
    expect(published).toHaveLength(1);
    expect((await db.run.findUniqueOrThrow({ where: { id: mine } })).status).toBe("RUNNING");
    expect((await db.run.findUniqueOrThrow({ where: { id: finished } })).status).toBe("SUCCEEDED");
  });

  it("between start-ups, only runs older than the run time cap count as orphaned", async () => {
    const recent = await runWith({ status: "RUNNING", instanceId: "other-instance" });
    const ancient = await runWith({ status: "RUNNING", instanceId: "other-instance", createdAt: new Date(Date.now() - 24 * 3600_000) });
    await interruptOrphanedRuns({ db, pool, bus: createMemoryBus() }, "this-instance", false);
    expect((await db.run.findUniqueOrThrow({ where: { id: recent } })).status).toBe("RUNNING");
    expect((await db.run.findUniqueOrThrow({ where: { id: ancient } })).errorCode).toBe("INTERRUPTED");
  });

  it("deletes only expired sessions, with everything in them", async () => {
    const expired = await db.chatSession.create({ data: { userId, agent: "assistant", title: "old", expiresAt: new Date(Date.now() - 1000) } });
    const alive = await db.chatSession.create({ data: { userId, agent: "assistant", title: "new", expiresAt: new Date(Date.now() + 3600_000) } });
    await db.message.create({ data: { sessionId: expired.id, role: "USER", text: "bye", parts: [] } });
    expect(await deleteExpiredSessions(db)).toBeGreaterThanOrEqual(1);
    expect(await db.chatSession.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db.message.count({ where: { sessionId: expired.id } })).toBe(0);
    expect(await db.chatSession.findUnique({ where: { id: alive.id } })).not.toBeNull();
  });
});
