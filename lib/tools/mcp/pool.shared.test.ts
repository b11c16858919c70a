import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { childPids, GROWING_SERVER, POOL_OPTIONS } from "@/test/support/mcp";
import { McpPool } from "./pool";
import { redisToolLists } from "./shared-tool-lists";

// Pools stand for instances: each has its own server process, and they share Redis.
const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)("tool lists shared through Redis", () => {
  const redis = new Redis(redisUrl ?? "redis://127.0.0.1:1", { lazyConnect: !redisUrl });
  const pools: McpPool[] = [];
  const instance = (prefix: string) => {
    const pool = new McpPool({ growing: GROWING_SERVER }, { ...POOL_OPTIONS, shared: redisToolLists(redis, prefix) });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.close();
  });
  beforeAll(async () => {
    if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  });
  afterAll(() => redis.quit());

  it("one instance's tools/list serves another, which starts no server for it", async () => {
    const prefix = `test-tools-${Date.now()}:`;
    expect((await instance(prefix).listTools("growing")).map((tool) => tool.name)).toEqual(["grow"]);
    const before = (await childPids()).length;
    const other = instance(prefix);
    expect((await other.listTools("growing")).map((tool) => tool.name)).toEqual(["grow"]);
    expect(other.status()[0]).toMatchObject({ state: "idle", toolCount: 1 });
    expect((await childPids()).length).toBe(before);
  });

  it("a server's tools/list_changed drops the shared list, and the next listing shares the new one", async () => {
    const prefix = `test-tools-changed-${Date.now()}:`;
    const first = instance(prefix);
    await first.listTools("growing");
    await first.callTool("growing", "grow", {});
    await expect.poll(() => redis.exists(`${prefix}growing`)).toBe(0);
    expect((await first.listTools("growing")).map((tool) => tool.name)).toEqual(["grow", "added-1"]);
    expect((await instance(prefix).listTools("growing")).map((tool) => tool.name)).toEqual(["grow", "added-1"]);
  });
});
