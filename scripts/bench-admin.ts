/**
 * `npm run bench:admin`: the admin session list's queries at 5,000 sessions (20 users) and at
 * 100,000 (220 users), on a fresh database (DATABASE_URL's server, or the embedded one). Prints each
 * query's median and worst time over 20 runs (what the page awaits before rendering), the CSV export's
 * rate, and the query plans of title search and the default page.
 */
import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";
import { createDatabase } from "../test/support/databases";

const RUNS = 20;
const database = await createDatabase(process.env.DATABASE_URL || undefined, "bench_admin");
await migrateDatabase(database.url);
process.env.DATABASE_URL = database.url;
// Imported after DATABASE_URL points at the bench database: the client reads it on import.
const { db } = await import("../lib/db/client");
const { sessionFiltersSchema } = await import("../lib/admin/session-filters");
const { allAdminSessions, listAdminSessions } = await import("../lib/db/sessions");
const { seedSessions } = await import("../test/support/seed-sessions");

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const queries: [string, Record<string, string>][] = [
  ["default (last active, page 1)", {}],
  ["page 40", { page: "40" }],
  ["agent", { agent: "country-analyst" }],
  ["user email", { user: "seed-small-3@example.com" }],
  ["last run failed", { status: "FAILED" }],
  ["active in a 10-day range", { from: day(20), to: day(10) }],
  ["title search", { q: "weather" }],
  ["all filters", { agent: "assistant", status: "SUCCEEDED", q: "spain", from: day(30) }],
  ["sort by messages, asc", { sort: "messageCount", dir: "asc" }],
];

async function time(fn: () => Promise<unknown>) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(label: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("ANALYZE");
  console.log(`\n${label}: ${(await db.chatSession.count()).toLocaleString("en")} sessions`);
  for (const [name, query] of queries) {
    const filters = sessionFiltersSchema.parse(query);
    for (let i = 0; i < 3; i++) await listAdminSessions(filters);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) times.push(await time(async () => ({ total } = await listAdminSessions(filters))));
    times.sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(32)} p50 ${times[RUNS / 2]!.toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms  (${total.toLocaleString("en")} match)`,
    );
  }
  let rows = 0;
  const exportMs = await time(async () => {
    for await (const _ of allAdminSessions(sessionFiltersSchema.parse({ status: "FAILED" }))) rows++;
  });
  console.log(`  CSV export of "last run failed": ${rows.toLocaleString("en")} rows in ${exportMs.toFixed(0)} ms`);
  for (const [name, sql] of [
    ["title search", `SELECT id FROM "ChatSession" WHERE title ILIKE '%weather%' ORDER BY "lastActiveAt" DESC, id DESC LIMIT 50`],
    ["default page", `SELECT id FROM "ChatSession" ORDER BY "lastActiveAt" DESC, id DESC LIMIT 50`],
  ]) {
    const plan = (await client.query(`EXPLAIN ${sql}`)).rows.map((row) => row["QUERY PLAN"] as string);
    const nodes = plan
      .map((line) => /(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan|Bitmap Heap Scan)[^(]*/.exec(line)?.[0]?.trim())
      .filter(Boolean);
    console.log(`  plan, ${name}: ${nodes.join(" → ")}`);
  }
  await client.end();
}

try {
  await seedSessions(db, { tag: "small", users: 20, sessions: 5_000 });
  await measure("5k");
  await seedSessions(db, { tag: "large", users: 200, sessions: 95_000 });
  await measure("100k");
} finally {
  await db.$disconnect();
  await database.drop();
}
