import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// One migrator at a time per database: instances starting together wait for each other.
const MIGRATION_LOCK = 0x41_53_4d_31;

/** Prisma's own bookkeeping table, so `prisma migrate status|dev|deploy` agree with this runner. */
const PRISMA_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
  ) {
    super(`migration ${migration} failed: ${message}`);
    this.name = "MigrationError";
  }
}

/**
 * Applies the pending migrations of `dir` (Prisma's `<name>/migration.sql` layout), each in its own
 * transaction: a failing one leaves the database as it was before it and stops the rest. Needs only
 * `pg`, so the production image runs it without Prisma's CLI. Returns the names it applied.
 */
export async function applyMigrations(databaseUrl: string, dir = path.join("prisma", "migrations")) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(PRISMA_TABLE);
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      `SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const stuck = rows.find((row) => !row.finished_at);
    if (stuck)
      throw new MigrationError(
        stuck.migration_name,
        "it did not finish in an earlier attempt; fix it, then run `npx prisma migrate resolve`",
      );
    const done = new Set(rows.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const name of names.filter((name) => !done.has(name))) {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(name, (error as Error).message);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
