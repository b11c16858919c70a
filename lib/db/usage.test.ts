import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { usageReport, usageWindowSchema } from "./usage";

// The database is shared with other test files: every figure is read for this file's agents only.
const tag = `usage-${Date.now()}`;
const AGENT = `${tag}-main`;
const OTHER = `${tag}-other`;
const SEARCH = `${tag}-search`;
const FETCH = `${tag}-fetch`;

const NOW = new Date();
const DAY = 86_400_000;
const TODAY = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
/** Noon (by default) UTC, `daysAgo` days before today. */
const at = (daysAgo: number, hours = 12) => new Date(TODAY - daysAgo * DAY + hours * 3600_000);
const dayOf = (daysAgo: number) => new Date(TODAY - daysAgo * DAY).toISOString().slice(0, 10);

let userId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `${tag}@example.com` } })).id;
  const sessionId = (await db.chatSession.create({ data: { userId, agent: AGENT, title: "usage" } })).id;
  const base = { sessionId, userId, agent: AGENT, model: "demo", query: "q" };
  await db.run.createMany({
    data: [
      { ...base, id: `${tag}-t1`, createdAt: at(0), status: "SUCCEEDED", durationMs: 100, inputTokens: 10, outputTokens: 1 },
      { ...base, id: `${tag}-t2`, createdAt: at(0), status: "SUCCEEDED", durationMs: 200, inputTokens: 20, outputTokens: 2 },
      { ...base, id: `${tag}-t3`, createdAt: at(0), status: "FAILED", durationMs: 1000, inputTokens: 5, errorCode: "LLM_ERROR" },
      // Stopped by its user: counted as a run, but neither an error nor part of the success rate.
      { ...base, id: `${tag}-t4`, createdAt: at(0), status: "CANCELLED", errorCode: "CANCELLED" },
      { ...base, id: `${tag}-d2a`, createdAt: at(2), status: "SUCCEEDED", durationMs: 300, inputTokens: 30, outputTokens: 3 },
      { ...base, id: `${tag}-d2b`, createdAt: at(2), status: "TIMED_OUT", durationMs: 400, errorCode: "TIMEOUT" },
      // The first instant of a 7-day window, and the last instant before it.
      { ...base, id: `${tag}-first`, createdAt: at(6, 0), status: "RUNNING", inputTokens: 7 },
      {
        ...base,
        id: `${tag}-before`,
        createdAt: new Date(at(6, 0).getTime() - 1),
        status: "SUCCEEDED",
        durationMs: 50_000,
        inputTokens: 1000,
        outputTokens: 1000,
      },
      {
        ...base,
        id: `${tag}-old`,
        createdAt: at(20),
        status: "FAILED",
        durationMs: 9000,
        inputTokens: 100,
        outputTokens: 100,
        errorCode: "LLM_ERROR",
      },
      { ...base, id: `${tag}-o1`, agent: OTHER, createdAt: at(0), status: "SUCCEEDED", durationMs: 10 },
      { ...base, id: `${tag}-o2`, agent: OTHER, createdAt: at(1), status: "SUCCEEDED", durationMs: 30 },
    ],
  });
  // A tool's result may hold anything a server sent, NUL included (stored as written, as `\u0000`).
  const result = (runId: string, seq: number, tool: string, success: boolean, createdAt: Date, value: { page: string } | null = null) => ({
    runId,
    seq,
    type: "tool_result",
    createdAt,
    data: { call_id: `c${seq}`, tool, result: value, success, ...(success ? {} : { error: "boom" }), duration_ms: 5 },
  });
  await db.runEvent.createMany({
    data: [
      { runId: `${tag}-t1`, seq: 1, type: "tool_call", createdAt: at(0), data: { call_id: "c1", tool: SEARCH, args: {} } },
      result(`${tag}-t1`, 2, SEARCH, true, at(0)),
      result(`${tag}-t1`, 3, SEARCH, false, at(0)),
      result(`${tag}-t2`, 1, FETCH, true, at(0), { page: "a\u0000b" }),
      result(`${tag}-d2a`, 1, SEARCH, true, at(2)),
      result(`${tag}-old`, 1, SEARCH, false, at(20)),
      result(`${tag}-o1`, 1, SEARCH, true, at(0)),
    ],
  });
});

afterAll(async () => {
  await db.user.delete({ where: { id: userId } });
  await db.$disconnect();
});

describe("usage window", () => {
  it("defaults to 30 days, takes 1..365 whole days, and reads a blank agent as all agents", () => {
    expect(usageWindowSchema.parse({})).toEqual({ days: 30 });
    expect(usageWindowSchema.parse({ days: "7", agent: " " })).toEqual({ days: 7 });
    expect(usageWindowSchema.parse({ days: "365", agent: "support" })).toEqual({ days: 365, agent: "support" });
    for (const days of ["0", "366", "1.5", "abc", "-3"]) expect(usageWindowSchema.safeParse({ days }).success).toBe(false);
  });
});

describe("usageReport", () => {
  it("counts runs per UTC day by status over every day of the window, zero-filled", async () => {
    const report = await usageReport({ days: 7, agent: AGENT }, NOW);
    expect(report.window).toEqual({ days: 7, agent: AGENT, from: dayOf(6), to: dayOf(0) });
    expect(report.runsPerDay.map((row) => row.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map(dayOf));
    const zero = { QUEUED: 0, RUNNING: 0, RETRYING: 0, WAITING: 0, SUCCEEDED: 0, FAILED: 0, CANCELLED: 0, TIMED_OUT: 0 };
    expect(report.runsPerDay).toEqual([
      { ...zero, day: dayOf(6), RUNNING: 1 },
      { ...zero, day: dayOf(5) },
      { ...zero, day: dayOf(4) },
      { ...zero, day: dayOf(3) },
      { ...zero, day: dayOf(2), SUCCEEDED: 1, TIMED_OUT: 1 },
      { ...zero, day: dayOf(1) },
      { ...zero, day: dayOf(0), SUCCEEDED: 2, FAILED: 1, CANCELLED: 1 },
    ]);

    // The same days counted by Prisma, one query per day.
    for (const [index, row] of report.runsPerDay.entries()) {
      const start = TODAY - (6 - index) * DAY;
      const counted = await db.run.count({ where: { agent: AGENT, createdAt: { gte: new Date(start), lt: new Date(start + DAY) } } });
      expect(
        Object.values(row)
          .filter((value) => typeof value === "number")
          .reduce((a, b) => a + b, 0),
      ).toBe(counted);
    }
  });

  it("totals, tokens and error rates cover only the window", async () => {
    const week = await usageReport({ days: 7, agent: AGENT }, NOW);
    expect(week.totals).toEqual({ runs: 7, succeeded: 3, failed: 1, settled: 5, inputTokens: 72, outputTokens: 6 });
    expect(week.tokensPerDay).toEqual([
      { day: dayOf(6), inputTokens: 7, outputTokens: 0 },
      ...[5, 4, 3].map((daysAgo) => ({ day: dayOf(daysAgo), inputTokens: 0, outputTokens: 0 })),
      { day: dayOf(2), inputTokens: 30, outputTokens: 3 },
      { day: dayOf(1), inputTokens: 0, outputTokens: 0 },
      { day: dayOf(0), inputTokens: 35, outputTokens: 3 },
    ]);
    expect(week.errors).toEqual([
      { code: "LLM_ERROR", runs: 1, rate: 1 / 6 },
      { code: "TIMEOUT", runs: 1, rate: 1 / 6 },
    ]);

    const month = await usageReport({ days: 30, agent: AGENT }, NOW);
    expect(month.totals).toEqual({ runs: 9, succeeded: 4, failed: 2, settled: 7, inputTokens: 1172, outputTokens: 1106 });
    expect(month.runsPerDay).toHaveLength(30);
    expect(month.errors).toEqual([
      { code: "LLM_ERROR", runs: 2, rate: 0.25 },
      { code: "TIMEOUT", runs: 1, rate: 0.125 },
    ]);

    // Plain SQL over UTC dates, written independently of the report's bounds.
    const [plain] = await db.$queryRaw<{ runs: number; errors: number; input: number }[]>`
      SELECT count(*)::int AS runs, (count("errorCode") FILTER (WHERE "status" <> 'CANCELLED'))::int AS errors,
             coalesce(sum("inputTokens"), 0)::int AS input
      FROM "Run" WHERE "agent" = ${AGENT} AND "createdAt"::date BETWEEN ${dayOf(6)}::date AND ${dayOf(0)}::date`;
    expect(plain).toEqual({
      runs: week.totals.runs,
      errors: week.errors.reduce((sum, row) => sum + row.runs, 0),
      input: week.tokensPerDay.reduce((sum, row) => sum + row.inputTokens, 0),
    });
  });

  it("gives p50/p95 of finished runs' durations per agent", async () => {
    const report = await usageReport({ days: 7 }, NOW);
    // 100, 200, 300, 400, 1000 ms: p50 is the middle one; p95 lies 0.8 of the way from 400 to 1000.
    expect(report.durations.find((row) => row.agent === AGENT)).toEqual({ agent: AGENT, runs: 7, timed: 5, p50Ms: 300, p95Ms: 880 });
    // 10 and 30 ms: halfway, and 0.95 of the way.
    expect(report.durations.find((row) => row.agent === OTHER)).toEqual({ agent: OTHER, runs: 2, timed: 2, p50Ms: 20, p95Ms: 29 });
  });

  it("ranks tools by calls with their failures, from tool_result events in the window", async () => {
    const week = await usageReport({ days: 7, agent: AGENT }, NOW);
    expect(week.tools).toEqual([
      { tool: SEARCH, calls: 3, failures: 1 },
      { tool: FETCH, calls: 1, failures: 0 },
    ]);
    const month = await usageReport({ days: 30, agent: AGENT }, NOW);
    expect(month.tools).toEqual([
      { tool: SEARCH, calls: 4, failures: 2 },
      { tool: FETCH, calls: 1, failures: 0 },
    ]);
    const counted = await db.runEvent.count({
      where: { type: "tool_result", createdAt: { gte: new Date(TODAY - 6 * DAY) }, run: { agent: AGENT } },
    });
    expect(week.tools.reduce((sum, row) => sum + row.calls, 0)).toBe(counted);
  });

  it("answers a window without runs with zero-filled days and empty lists", async () => {
    const report = await usageReport({ days: 3, agent: `${tag}-none` }, NOW);
    expect(report.totals).toEqual({ runs: 0, succeeded: 0, failed: 0, settled: 0, inputTokens: 0, outputTokens: 0 });
    expect(report.runsPerDay.map((row) => [row.day, row.SUCCEEDED + row.FAILED + row.RUNNING])).toEqual([
      [dayOf(2), 0],
      [dayOf(1), 0],
      [dayOf(0), 0],
    ]);
    expect(report.tokensPerDay).toHaveLength(3);
    expect([report.durations, report.errors, report.tools]).toEqual([[], [], []]);
  });
});
