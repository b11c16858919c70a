import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childPids, onFirstProgress, POOL_OPTIONS, settled, startHttpEverything, type HttpServer } from "@/test/support/mcp";
import { McpPool } from "./pool";

describe("McpPool over Streamable HTTP (server-everything streamableHttp)", () => {
  let server: HttpServer;
  let pool: McpPool;

  beforeAll(async () => {
    server = await startHttpEverything();
    process.env.TEST_MCP_TOKEN = "token-for-the-test-server";
    pool = new McpPool({ remote: { url: server.url, headers: { Authorization: "Bearer ${TEST_MCP_TOKEN}" } } }, POOL_OPTIONS);
  });

  afterAll(async () => {
    await pool?.close();
    await server?.stop();
    delete process.env.TEST_MCP_TOKEN;
    expect(await childPids()).toEqual([]);
  });

  it("lists tools and calls one", async () => {
    const tools = await pool.listTools("remote");
    expect(tools.find((tool) => tool.name === "echo")?.inputSchema).toMatchObject({ type: "object", required: ["message"] });
    const result = await pool.callTool("remote", "echo", { message: "over http" });
    expect(result).toMatchObject({ content: [{ type: "text", text: "Echo: over http" }], isError: false });
    expect(pool.status()).toEqual([
      { name: "remote", transport: "http", host: new URL(server.url).host, state: "connected", toolCount: tools.length },
    ]);
  });

  it("forwards progress over the response stream", async () => {
    const progress: number[] = [];
    await pool.callTool(
      "remote",
      "trigger-long-running-operation",
      { duration: 0.6, steps: 3 },
      { onProgress: (p) => progress.push(p.progress) },
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual(progress.map((_, index) => index + 1));
  });

  it("fails the call in flight when the server dies, and reconnects once it is back", async () => {
    let stoppedAt = Infinity;
    const stop = onFirstProgress(() => {
      stoppedAt = performance.now();
      void server.stop();
    });
    // 30 s of work, like the pool's call timeout: the loss, not either of those, must end the call.
    const call = pool.callTool("remote", "trigger-long-running-operation", { duration: 30, steps: 150 }, { onProgress: stop });
    const outcome = await settled(call);
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.objectContaining({
        message: expect.stringContaining("MCP server remote: connection lost during tool trigger-long-running-operation"),
      }),
    });
    // Within moments of the server's end; 5 s is room for a loaded machine, far below the 30 s.
    expect(outcome.at - stoppedAt).toBeLessThan(5_000);
    expect(pool.status()[0]).toMatchObject({ state: "error" });

    server = await startHttpEverything(server.port);
    await expect(pool.callTool("remote", "echo", { message: "again" })).resolves.toMatchObject({ isError: false });
    expect(pool.status()[0]).toMatchObject({ state: "connected" });
  });
});
