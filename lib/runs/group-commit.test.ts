import pg from "pg";
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("group commit", () => {
  it("sends a call at once when idle, and gathers the calls made meanwhile into the next statement", async () => {
    const statements: number[][] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      statements.push(items);
      await tick();
      return items.map((item) => item * 2);
    }, 100);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => commit(i)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(statements).toEqual([[0], Array.from({ length: 49 }, (_, i) => i + 1)]);
  });

  it("keeps statements under the row cap", async () => {
    const sizes: number[] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      sizes.push(items.length);
      await tick();
      return items;
    }, 10);
    await Promise.all(Array.from({ length: 31 }, (_, i) => commit(i)));
    expect(sizes).toEqual([1, 10, 10, 10]);
  });

  it.each([
    ["the database refuses", Object.assign(new pg.DatabaseError("violates foreign key constraint", 0, "error"), { code: "23503" })],
    ["a bug throws on", new TypeError("Cannot read properties of undefined")],
  ])("retries the items of a batch %s one by one, so one bad item fails alone", async (_, rejected) => {
    const commit = createGroupCommit(async (items: string[]) => {
      await tick();
      if (items.includes("bad")) throw rejected;
      return items.map((item) => item.toUpperCase());
    }, 100);
    const first = commit("first");
    const rest = ["a", "bad", "b"].map((item) =>
      commit(item).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    expect(await first).toBe("FIRST");
    expect(await Promise.all(rest)).toEqual([{ value: "A" }, { error: rejected }, { value: "B" }]);
  });

  it("fails the whole batch on an outage, without retrying each", async () => {
    let calls = 0;
    const commit = createGroupCommit(async () => {
      calls += 1;
      await tick();
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    }, 100);
    const results = await Promise.allSettled([commit(1), commit(2), commit(3)]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(calls).toBe(2);
  });
});
