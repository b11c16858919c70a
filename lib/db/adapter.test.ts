import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { createAdapterFactory } from "./adapter";
import { createDbClient } from "./prisma";
import { PrismaClient } from "./generated/client";
import { runPrisma } from "./migrate";

// Set by scripts/test.ts to the Postgres server when DATABASE_URL is given; unset means embedded.
const serverUrl = process.env.TEST_POSTGRES_URL;

describe("migrations through the JS schema engine", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createDatabase(serverUrl, "migrate");
  });
  afterAll(() => database?.drop());

  it("migrate status reports pending, deploy applies, status is then clean", async () => {
    const before = await runPrisma(["migrate", "status"], database.url, { capture: true });
    expect(before.code).not.toBe(0);
    expect(before.output).toContain("have not yet been applied");

    const deploy = await runPrisma(["migrate", "deploy"], database.url, { capture: true });
    expect(deploy.output).toContain("successfully applied");
    expect(deploy.code).toBe(0);

    const after = await runPrisma(["migrate", "status"], database.url, { capture: true });
    expect(after.output).toContain("Database schema is up to date");
    expect(after.code).toBe(0);

    const db = createDbClient(database.url);
    const tables = await db.$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    await db.$disconnect();
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(["User", "Account", "Session", "ApiKey", "ChatSession", "Message", "Run", "RunEvent"]),
    );
  });
});

describe("Postgres adapter workarounds", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createDatabase(serverUrl, "adapter");
  });
  afterAll(() => database?.drop());

  it("the stock adapter rejects `name` columns (why the wrapper exists)", async () => {
    const stock = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url.split("?")[0] }) });
    await expect(stock.$queryRaw`SELECT current_user AS who`).rejects.toThrow(/name/i);
    await stock.$disconnect();
  });

  it('returns `name` and "char" columns as text, in and out of interactive transactions', async () => {
    const db = createDbClient(database.url);
    const [row] = await db.$queryRaw<{ who: string; kind: string }[]>`SELECT current_user AS who, 'r'::"char" AS kind`;
    expect(row).toEqual({ who: expect.any(String), kind: "r" });
    const inTx = await db.$transaction((tx) => tx.$queryRaw<{ who: string }[]>`SELECT current_user AS who`);
    expect(inTx[0]?.who).toBe(row?.who);
    await db.$disconnect();
  });

  it("runs a migration script whole: quoted semicolons and $$ bodies survive", async () => {
    const adapter = await createAdapterFactory(database.url).connect();
    await adapter.executeScript(`
      CREATE TABLE notes (body text);
      INSERT INTO notes VALUES ('one; two');
      CREATE FUNCTION shout(t text) RETURNS text AS $$ BEGIN RETURN upper(t); END; $$ LANGUAGE plpgsql;
    `);
    const result = await adapter.queryRaw({ sql: "SELECT shout(body) AS s FROM notes", args: [], argTypes: [] });
    await adapter.dispose();
    expect(result.rows).toEqual([["ONE; TWO"]]);
  });

  it.skipIf(!serverUrl)("creates a separate shadow database and drops it after ending its pool", async () => {
    const factory = createAdapterFactory(database.url);
    const shadow = await factory.connectToShadowDb();
    const { rows } = await shadow.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
    const shadowName = String(rows[0]?.[0]);
    expect(shadowName).toMatch(/^prisma_migrate_shadow_db_/);
    await shadow.dispose();

    const main = await factory.connect();
    const left = await main.queryRaw({
      sql: "SELECT count(*)::int FROM pg_database WHERE datname = $1",
      args: [shadowName],
      argTypes: [{ scalarType: "string", arity: "scalar" }],
    });
    await main.dispose();
    expect(left.rows).toEqual([[0]]);
  });
});
