import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { createMemoryBus } from "./bus";
import type { Bus } from "./bus";
import { endOrphan, findOrphanedRuns, heartbeat } from "./cleanup";
import { readEvents } from "./event-store";

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
// Instances silent for 30 s are gone; no run lasts beyond 300 s.
const LIMITS = { INSTANCE_TIMEOUT_S: 30, RUN_TIMEOUT_CAP_S: 300, RUN_MAX_ATTEMPTS: 3 };
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `cleanup-${Date.now()}@example.com` } })).id;
  await pool.query(`DELETE FROM "Instance"`);
});
afterAll(() => pool.end());

type RunData = { status: "RUNNING" | "QUEUED" | "SUCCEEDED"; instanceId: string; createdAt?: Date; input?: object; attempts?: number };

async function runWith(data: RunData) {
  const session = await db.chatSession.create({ data: { userId, agent: "assistant", title: "t" } });
  const run = await db.run.create({ data: { sessionId: session.id, userId, agent: "assistant", model: "demo", query: "q", ...data } });
  const start = { run_id: run.id, session_id: session.id, agent: "assistant", model: "demo" };
  await db.runEvent.create({ data: { runId: run.id, seq: 1, type: "start", data: start } });
  return run.id;
}

describe("housekeeping", () => {
  const me = { id: "web-1:3000/aaaa", name: "web-1:3000" };
  // What the housekeeping does with orphans that cannot be resumed (these have no stored input).
  const interruptOrphanedRuns = async ({ bus }: { bus: Bus }, executing: string[] = []) => {
    for (const orphan of await findOrphanedRuns(pool, me, LIMITS, executing)) await endOrphan({ pool, bus }, orphan);
  };
  const statusOf = async (id: string) => (await db.run.findUniqueOrThrow({ where: { id } })).status;
  const longAgo = new Date(Date.now() - 120_000); // past the heartbeat timeout, within the run time cap

  it("ends at once the runs an earlier process of this instance left, leaving its own and finished ones alone", async () => {
    const orphan = await runWith({ status: "RUNNING", instanceId: "web-1:3000/zzzz" });
    const mine = await runWith({ status: "RUNNING", instanceId: me.id });
    const finished = await runWith({ status: "SUCCEEDED", instanceId: "web-1:3000/zzzz" });
    const similar = await runWith({ status: "RUNNING", instanceId: "web-1:30000/zzzz" });
    await heartbeat(pool, { id: "web-1:30000/zzzz", name: "web-1:30000" });
    const bus = createMemoryBus();
    const published: unknown[] = [];
    await bus.subscribe(orphan, (message) => published.push(message));

    await heartbeat(pool, me);
    await interruptOrphanedRuns({ bus });

    expect(await db.run.findUniqueOrThrow({ where: { id: orphan } })).toMatchObject({ status: "FAILED", errorCode: "INTERRUPTED" });
    expect((await readEvents(pool, orphan)).at(-1)).toMatchObject({ type: "error", code: "INTERRUPTED", seq: 2 });
    expect(published).toHaveLength(1);
    expect(await statusOf(mine)).toBe("RUNNING");
    expect(await statusOf(finished)).toBe("SUCCEEDED");
    expect(await statusOf(similar)).toBe("RUNNING");
  });

  it("ends the runs of an instance whose heartbeat stopped, once it is older than the timeout", async () => {
    const other = { id: "web-2:3000/bbbb", name: "web-2:3000" };
    await heartbeat(pool, other);
    const alive = await runWith({ status: "RUNNING", instanceId: other.id, createdAt: longAgo });
    const silent = await runWith({ status: "RUNNING", instanceId: "web-3:3000/cccc", createdAt: longAgo });
    const unknown = await runWith({ status: "RUNNING", instanceId: "web-4:3000/dddd" });
    await pool.query(
      `INSERT INTO "Instance" (id, name, "heartbeatAt") VALUES ('web-3:3000/cccc', 'web-3:3000', now() - interval '31 seconds')`,
    );

    await interruptOrphanedRuns({ bus: createMemoryBus() });

    expect(await statusOf(alive)).toBe("RUNNING");
    expect((await db.run.findUniqueOrThrow({ where: { id: silent } })).errorCode).toBe("INTERRUPTED");
    // Just started, by an instance that has not beaten yet: given the timeout to do so.
    expect(await statusOf(unknown)).toBe("RUNNING");
    await db.run.update({ where: { id: unknown }, data: { createdAt: longAgo } });
    await interruptOrphanedRuns({ bus: createMemoryBus() });
    expect(await statusOf(unknown)).toBe("FAILED");
  });

  it("ends this process's own runs it no longer executes (their events could not be stored) with INTERNAL", async () => {
    const executing = await runWith({ status: "RUNNING", instanceId: me.id, createdAt: longAgo });
    const abandoned = await runWith({ status: "RUNNING", instanceId: me.id, createdAt: longAgo });
    await interruptOrphanedRuns({ bus: createMemoryBus() }, [executing]);
    expect(await statusOf(executing)).toBe("RUNNING");
    expect(await db.run.findUniqueOrThrow({ where: { id: abandoned } })).toMatchObject({ status: "FAILED", errorCode: "INTERNAL" });
    expect((await readEvents(pool, abandoned)).at(-1)).toMatchObject({ type: "error", code: "INTERNAL", seq: 2 });
  });

  it("ends any run older than the run time cap, whatever its instance says", async () => {
    const other = { id: "web-5:3000/eeee", name: "web-5:3000" };
    await heartbeat(pool, other);
    const ancient = await runWith({ status: "RUNNING", instanceId: other.id, createdAt: new Date(Date.now() - 24 * 3600_000) });
    await interruptOrphanedRuns({ bus: createMemoryBus() });
    expect((await db.run.findUniqueOrThrow({ where: { id: ancient } })).errorCode).toBe("INTERRUPTED");
  });

  it("offers for resuming the orphans with their input and attempts left that are neither over the cap nor this process's own", async () => {
    const input = { history: [], titleByModel: false };
    const gone = "web-9:3000/gone";
    const resumable = await runWith({ status: "RUNNING", instanceId: gone, createdAt: longAgo, input });
    const queued = await runWith({ status: "QUEUED", instanceId: gone, createdAt: longAgo, input });
    const spent = await runWith({ status: "RUNNING", instanceId: gone, createdAt: longAgo, input, attempts: 3 });
    const old = await runWith({ status: "RUNNING", instanceId: gone, createdAt: new Date(Date.now() - 24 * 3600_000), input });
    const noInput = await runWith({ status: "RUNNING", instanceId: gone, createdAt: longAgo });
    const mine = await runWith({ status: "RUNNING", instanceId: me.id, createdAt: longAgo, input });

    const found = new Map((await findOrphanedRuns(pool, me, LIMITS, [])).map((orphan) => [orphan.id, orphan.resumable]));
    expect([resumable, queued, spent, old, noInput, mine].map((id) => found.get(id))).toEqual([true, true, false, false, false, false]);
  });
});
