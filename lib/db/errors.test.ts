import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDbClient, createPool } from "./prisma";
import { isDatabaseUnreachable } from "./errors";

const nowhere = "postgresql://nobody@127.0.0.1:1/nothing";
const pool = createPool(nowhere);
const db = createDbClient(nowhere, pool);
afterAll(() => pool.end().catch(() => {}));

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("isDatabaseUnreachable", () => {
  it("knows a database nobody answers for, through pg and through Prisma, by code", async () => {
    expect(isDatabaseUnreachable(await rejection(pool.query("SELECT 1")))).toBe(true);
    expect(isDatabaseUnreachable(await rejection(db.user.count()))).toBe(true);
  });

  it("does not take a refused statement, or any other error, for an outage", async () => {
    const refused = new pg.DatabaseError('relation "nope" does not exist', 0, "error");
    refused.code = "42P01";
    expect(isDatabaseUnreachable(refused)).toBe(false);
    const shutdown = new pg.DatabaseError("terminating connection due to administrator command", 0, "error");
    shutdown.code = "57P01";
    expect(isDatabaseUnreachable(shutdown)).toBe(true);
    expect(isDatabaseUnreachable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnreachable(new Error("ECONNREFUSED in the text only"))).toBe(false);
    expect(
      isDatabaseUnreachable(new Error("wrapped", { cause: Object.assign(new Error("inner"), { kind: "DatabaseNotReachable" }) })),
    ).toBe(true);
  });
});
