import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe("embedded database", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("serves one connection at a time: a second client waits for the first to close", async () => {
    const database = await startEmbeddedDatabase({ port: 0 });
    const first = await connect(database.url);
    await first.query("BEGIN");
    await first.query("CREATE TABLE t (n int)");

    let secondConnected = false;
    const second = connect(database.url).then((client) => {
      secondConnected = true;
      return client;
    });
    await first.query("INSERT INTO t VALUES ($1)", [1]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondConnected).toBe(false);
    await first.query("COMMIT");
    await first.end();

    const client = await second;
    const { rows } = await client.query("SELECT n FROM t WHERE n = $1", [1]);
    expect(rows).toEqual([{ n: 1 }]);
    await client.end();
    await database.stop();
  });

  it("rolls back what a client left open when it disconnects", async () => {
    const database = await startEmbeddedDatabase({ port: 0 });
    const first = await connect(database.url);
    await first.query("CREATE TABLE t (n int)");
    await first.query("BEGIN");
    await first.query("INSERT INTO t VALUES (1)");
    first.on("error", () => {});
    first.connection.stream.destroy();

    const second = await connect(database.url);
    const { rows } = await second.query("SELECT count(*)::int AS n FROM t");
    expect(rows).toEqual([{ n: 0 }]);
    await second.end();
    await database.stop();
  });

  it("keeps its data across restarts", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "agent-studio-pglite-"));
    dirs.push(dataDir);
    const before = await startEmbeddedDatabase({ dataDir, port: 0 });
    const writer = await connect(before.url);
    await writer.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await writer.end();
    await before.stop();

    const after = await startEmbeddedDatabase({ dataDir, port: 0 });
    const reader = await connect(after.url);
    const { rows } = await reader.query("SELECT note FROM kept");
    await reader.end();
    await after.stop();
    expect(rows).toEqual([{ note: "still here" }]);
  });
});
