import { afterEach, describe, expect, it } from "vitest";
import { childPids, POOL_OPTIONS, projectServers } from "@/test/support/mcp";
import { McpPool } from "./pool";

let pool: McpPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("McpPool on a serverless host", () => {
  it("lists stdio servers as unavailable, with the reason, and starts no process for them", async () => {
    const { everything } = await projectServers();
    pool = new McpPool({ everything: everything! }, { ...POOL_OPTIONS, serverless: true });
    expect(pool.status()).toEqual([
      expect.objectContaining({
        name: "everything",
        transport: "stdio",
        state: "unavailable",
        error: expect.stringContaining("cannot run in serverless functions"),
      }),
    ]);
    await expect(pool.listTools("everything")).rejects.toThrow(/stdio server, which cannot run in serverless functions/);
    await expect(pool.callTool("everything", "echo", { message: "hi" })).rejects.toThrow(/Streamable HTTP/);
    await pool.reconnect("everything").catch(() => {});
    expect(pool.status()[0]).toMatchObject({ state: "unavailable" });
    expect(await childPids()).toEqual([]);
  });

  it("still starts stdio servers off serverless hosts", async () => {
    const { everything } = await projectServers();
    pool = new McpPool({ everything: everything! }, POOL_OPTIONS);
    expect((await pool.listTools("everything")).length).toBeGreaterThan(0);
    expect(pool.status()[0]).toMatchObject({ state: "connected" });
  });
});
