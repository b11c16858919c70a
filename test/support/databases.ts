import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

export type TestDatabase = { url: string; drop: () => Promise<void> };

/**
 * A new, empty database: on the Postgres server `serverUrl` points at (real Postgres, as in CI),
 * or an in-memory embedded one when there is none. Dropped by `drop()`.
 */
export async function createDatabase(serverUrl: string | undefined, label = "test"): Promise<TestDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedDatabase({ port: 0 });
    return { url: embedded.url, drop: embedded.stop };
  }
  const name = `agent_studio_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A statement straight on the database (not through the app), on a connection of its own. */
export async function queryDatabase<T extends object>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
