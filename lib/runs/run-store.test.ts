import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "@/lib/db/prisma";
import { insertRunStarts, type RunStart } from "./run-store";

const pool = createPool(process.env.DATABASE_URL ?? "");
const db = createDbClient(process.env.DATABASE_URL ?? "", pool);
let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `run-store-${Date.now()}@example.com` } })).id;
});
afterAll(() => pool.end());

const start = (query: string, sessionId?: string): RunStart => ({
  sessionId,
  userId,
  agent: "assistant",
  model: "demo",
  query,
  params: { country: "ES" },
  status: "RUNNING",
  instanceId: "this-instance",
  expiresAt: new Date(Date.now() + 3600_000),
});

describe("starting runs in one statement", () => {
  it("creates new sessions, continues existing ones (counting every question) and skips deleted ones", async () => {
    const [first] = await insertRunStarts(pool, [start("First question")]);
    const gone = await db.chatSession.create({ data: { userId, agent: "assistant", title: "gone" } });
    await db.chatSession.delete({ where: { id: gone.id } });

    const results = await insertRunStarts(pool, [start("A new chat"), start("Again", first!.sessionId), start("And again", first!.sessionId), start("Lost", gone.id)]);
    expect(results.map((result) => result === undefined)).toEqual([false, false, false, true]);
    expect(results[1]!.sessionId).toBe(first!.sessionId);

    const continued = await db.chatSession.findUniqueOrThrow({ where: { id: first!.sessionId }, include: { runs: true, messages: true } });
    expect(continued).toMatchObject({ title: "First question", messageCount: 3 });
    expect(continued.runs.map((run) => run.query).sort()).toEqual(["Again", "And again", "First question"]);
    expect(continued.messages.map((message) => [message.role, message.text]).sort()).toEqual([
      ["USER", "Again"],
      ["USER", "And again"],
      ["USER", "First question"],
    ]);
    const fresh = await db.chatSession.findUniqueOrThrow({ where: { id: results[0]!.sessionId }, include: { runs: true } });
    expect(fresh).toMatchObject({ title: "A new chat", messageCount: 1, params: { country: "ES" } });
    expect(fresh.runs[0]).toMatchObject({ id: results[0]!.runId, status: "RUNNING", instanceId: "this-instance", params: { country: "ES" } });
    expect(fresh.runs[0]!.startedAt).toBeInstanceOf(Date);
    expect(await db.run.count({ where: { sessionId: gone.id } })).toBe(0);
  });

  it("leaves a queued run without a start time", async () => {
    const [queued] = await insertRunStarts(pool, [{ ...start("Wait"), status: "QUEUED" }]);
    expect(await db.run.findUniqueOrThrow({ where: { id: queued!.runId } })).toMatchObject({ status: "QUEUED", startedAt: null });
  });
});
