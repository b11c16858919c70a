import "server-only";
import { z } from "zod";
import { db } from "./client";
import { Prisma, RunStatus } from "./generated/client";

/** `?days=30&agent=…`: whole UTC days ending today; an empty agent (a blank form field) means all. */
export const usageWindowSchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  agent: z
    .string()
    .trim()
    .max(100)
    .transform((agent) => agent || undefined)
    .optional(),
});

export type UsageWindow = z.infer<typeof usageWindowSchema>;

export type DayStatusCounts = { day: string } & Record<RunStatus, number>;

export type UsageReport = {
  window: { days: number; agent: string | null; from: string; to: string };
  totals: { runs: number; succeeded: number; failed: number; settled: number; inputTokens: number; outputTokens: number };
  runsPerDay: DayStatusCounts[];
  durations: { agent: string; runs: number; timed: number; p50Ms: number | null; p95Ms: number | null }[];
  tokensPerDay: { day: string; inputTokens: number; outputTokens: number }[];
  errors: { code: string; runs: number; rate: number }[];
  tools: { tool: string; calls: number; failures: number }[];
};

const TOP_TOOLS = 10;
const DAY_MS = 86_400_000;

// Counts and sums come back as bigint; a window's totals fit a double exactly.
const num = (value: bigint | number | null) => Number(value ?? 0);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Usage over the window, each figure one SQL aggregate, run in parallel. Bounds are UTC dates passed
 * as text and cast to `timestamp`, the columns' type, so the session's time zone never shifts a day.
 */
export async function usageReport({ days, agent }: UsageWindow, now = new Date()): Promise<UsageReport> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = isoDay(today - (days - 1) * DAY_MS);
  const to = isoDay(today);
  const start = Prisma.sql`${from}::timestamp`;
  const end = Prisma.sql`(${to}::timestamp + interval '1 day')`;
  const runsInWindow = Prisma.sql`"createdAt" >= ${start} AND "createdAt" < ${end} ${agent ? Prisma.sql`AND "agent" = ${agent}` : Prisma.empty}`;
  const series = Prisma.sql`generate_series(${start}, ${end} - interval '1 day', interval '1 day') AS d(day)`;

  const [totals, statusRows, durations, tokens, errors, tools] = await Promise.all([
    // `settled`: the runs that ended by themselves, the success rate's base; a cancelled run is no failure.
    db.$queryRaw<{ runs: bigint; succeeded: bigint; failed: bigint; settled: bigint; input: bigint | null; output: bigint | null }[]>`
      SELECT count(*) AS runs,
             count(*) FILTER (WHERE "status" = 'SUCCEEDED') AS succeeded,
             count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
             count(*) FILTER (WHERE "status" IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')) AS settled,
             sum("inputTokens") AS input, sum("outputTokens") AS output
      FROM "Run" WHERE ${runsInWindow}`,
    db.$queryRaw<{ day: string; status: RunStatus | null; runs: bigint }[]>`
      WITH counts AS (
        SELECT date_trunc('day', "createdAt") AS day, "status"::text AS status, count(*) AS runs
        FROM "Run" WHERE ${runsInWindow} GROUP BY 1, 2)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, c.status, coalesce(c.runs, 0) AS runs
      FROM ${series} LEFT JOIN counts c ON c.day = d.day
      ORDER BY d.day`,
    // percentile_cont skips NULLs, so runs still going (no duration yet) count only in `runs`;
    // rounded to whole ms, as interpolation leaves float noise (879.9999…) below any useful precision.
    db.$queryRaw<{ agent: string; runs: bigint; timed: bigint; p50: number | null; p95: number | null }[]>`
      SELECT "agent", count(*) AS runs, count("durationMs") AS timed,
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs")) AS p50,
             round(percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs")) AS p95
      FROM "Run" WHERE ${runsInWindow}
      GROUP BY "agent" ORDER BY runs DESC, "agent"`,
    db.$queryRaw<{ day: string; input: bigint; output: bigint }[]>`
      WITH sums AS (
        SELECT date_trunc('day', "createdAt") AS day, sum("inputTokens") AS input, sum("outputTokens") AS output
        FROM "Run" WHERE ${runsInWindow} GROUP BY 1)
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(s.input, 0) AS input, coalesce(s.output, 0) AS output
      FROM ${series} LEFT JOIN sums s ON s.day = d.day
      ORDER BY d.day`,
    // Grouped with the NULL (no error) group so the window total comes from the same scan. Runs
    // their users cancelled are neither errors nor part of the base.
    db.$queryRaw<{ code: string; runs: bigint; rate: number }[]>`
      SELECT code, runs, rate FROM (
        SELECT "errorCode" AS code, count(*) AS runs, count(*)::float8 / (sum(count(*)) OVER ())::float8 AS rate
        FROM "Run" WHERE ${runsInWindow} AND "status" <> 'CANCELLED' GROUP BY "errorCode") AS g
      WHERE code IS NOT NULL ORDER BY runs DESC, code`,
    // Bounded on RunEvent's own createdAt so the [type, createdAt] index picks the rows. A payload
    // holding an escape Postgres cannot de-escape (\u0000) is read by agent_studio_event_field.
    db.$queryRaw<{ tool: string; calls: bigint; failures: bigint }[]>`
      SELECT r.tool, count(*) AS calls, count(*) FILTER (WHERE NOT r.success::boolean) AS failures
      FROM "RunEvent" e, LATERAL (SELECT strpos(e.data::text, '\\u') = 0 AS plain) p, LATERAL (
        SELECT CASE WHEN p.plain THEN e.data->>'tool' ELSE agent_studio_event_field(e.data, 'tool') END AS tool,
               CASE WHEN p.plain THEN e.data->>'success' ELSE agent_studio_event_field(e.data, 'success') END AS success
      ) r
      WHERE e."type" = 'tool_result' AND e."createdAt" >= ${start} AND e."createdAt" < ${end}
        ${agent ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Run" r WHERE r."id" = e."runId" AND r."agent" = ${agent})` : Prisma.empty}
      GROUP BY 1 HAVING r.tool IS NOT NULL ORDER BY calls DESC, tool LIMIT ${TOP_TOOLS}`,
  ]);

  const total = totals[0]!;
  return {
    window: { days, agent: agent ?? null, from, to },
    totals: {
      runs: num(total.runs),
      succeeded: num(total.succeeded),
      failed: num(total.failed),
      settled: num(total.settled),
      inputTokens: num(total.input),
      outputTokens: num(total.output),
    },
    runsPerDay: byDay(statusRows),
    durations: durations.map((row) => ({ agent: row.agent, runs: num(row.runs), timed: num(row.timed), p50Ms: row.p50, p95Ms: row.p95 })),
    tokensPerDay: tokens.map((row) => ({ day: row.day, inputTokens: num(row.input), outputTokens: num(row.output) })),
    errors: errors.map((row) => ({ code: row.code, runs: num(row.runs), rate: row.rate })),
    tools: tools.map((row) => ({ tool: row.tool, calls: num(row.calls), failures: num(row.failures) })),
  };
}

/** One row per (day, status) → one row per day with every status, 0 where none ran. */
function byDay(rows: { day: string; status: RunStatus | null; runs: bigint }[]): DayStatusCounts[] {
  const days = new Map<string, DayStatusCounts>();
  for (const { day, status, runs } of rows) {
    let counts = days.get(day);
    if (!counts) {
      counts = { day, ...(Object.fromEntries(Object.values(RunStatus).map((name) => [name, 0])) as Record<RunStatus, number>) };
      days.set(day, counts);
    }
    if (status) counts[status] = num(runs);
  }
  return [...days.values()];
}
