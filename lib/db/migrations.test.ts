import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { runPrisma } from "./migrate";
import { applyMigrations, MigrationError } from "./migrations";

const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations", () => {
  it("applies every migration once, in order, in a way Prisma's CLI agrees with", async () => {
    database = await createDatabase(serverUrl, "migrations");
    const applied = await applyMigrations(database.url);
    expect(applied).toEqual([...applied].sort());
    expect(applied[0]).toBe("20261129000000_init");
    expect(await applyMigrations(database.url)).toEqual([]);
    const status = await runPrisma(["migrate", "status"], database.url, { capture: true });
    expect(status.output).toContain("Database schema is up to date");
    expect(status.code).toBe(0);
  }, 60_000);

  it("lets instances that start together migrate once between them", async () => {
    database = await createDatabase(serverUrl, "migrations");
    const [a, b] = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    expect([...a, ...b].sort()).toEqual((a.length ? a : b).sort());
    expect(await query(database.url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: a.length + b.length }]);
  }, 60_000);

  it("stops at a failing migration, leaving nothing of it behind, and names it", async () => {
    database = await createDatabase(serverUrl, "migrations");
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(path.join("prisma", "migrations"), dir, { recursive: true });
    await mkdir(path.join(dir, "20991231000000_broken"));
    await writeFile(path.join(dir, "20991231000000_broken", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT 1 / 0;`);
    await mkdir(path.join(dir, "20991231000001_after"));
    await writeFile(path.join(dir, "20991231000001_after", "migration.sql"), `CREATE TABLE "After" (id int);`);

    const failure = await applyMigrations(database.url, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toMatch(/^migration 20991231000000_broken failed: division by zero/);
    const tables = (await query(database.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((row) => row.tablename);
    expect(tables).toContain("ChatSession");
    expect(tables).not.toContain("Half");
    expect(tables).not.toContain("After");
    const recorded = (await query(database.url, `SELECT migration_name FROM "_prisma_migrations"`)).map((row) => row.migration_name);
    expect(recorded).not.toContain("20991231000000_broken");
  }, 60_000);
});
