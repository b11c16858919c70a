import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childPids, onFirstProgress, POOL_OPTIONS, projectServers, settled } from "@/test/support/mcp";
import { McpPool } from "./pool";

const LONG = "trigger-long-running-operation";

describe("McpPool over stdio (server-everything from mcp.json)", () => {
  let pool: McpPool;

  beforeAll(async () => {
    const { everything } = await projectServers();
    pool = new McpPool({ everything: everything! }, POOL_OPTIONS);
  });

  afterAll(async () => {
    await pool.close();
    expect(await childPids()).toEqual([]);
  });

  it("starts idle and connects on first use", async () => {
    expect(pool.status()).toEqual([{ name: "everything", transport: "stdio", state: "idle" }]);
    const tools = await pool.listTools("everything");
    const echo = tools.find((tool) => tool.name === "echo");
    expect(echo?.description).toBe("Echoes back the input string");
    expect(echo?.inputSchema).toMatchObject({ type: "object", properties: { message: { type: "string" } }, required: ["message"] });
    expect(tools.map((tool) => tool.name)).toContain(LONG);
    expect(pool.status()).toEqual([{ name: "everything", transport: "stdio", state: "connected", toolCount: tools.length }]);
  });

  it("serves a second listTools from the cache, without asking the server", async () => {
    const first = await pool.listTools("everything");
    const [pid] = await childPids();
    // A paused server answers nothing: only a cached list can come back.
    process.kill(pid!, "SIGSTOP");
    try {
      // The paused server cannot answer before it is resumed below: any answer at all came from the cache.
      expect(await settled(pool.listTools("everything"))).toMatchObject({ ok: true, value: first });
    } finally {
      process.kill(pid!, "SIGCONT");
    }
    expect(await childPids()).toEqual([pid]);
  });

  it("calls the echo tool, reusing the one connection", async () => {
    const pids = await childPids();
    const result = await pool.callTool("everything", "echo", { message: "hello from the pool" });
    expect(result).toMatchObject({ content: [{ type: "text", text: "Echo: hello from the pool" }], isError: false });
    expect(await childPids()).toEqual(pids);
  });

  it("forwards progress notifications", async () => {
    const progress: { progress: number; total?: number }[] = [];
    const result = await pool.callTool("everything", LONG, { duration: 1, steps: 5 }, { onProgress: (p) => progress.push(p) });
    expect(result.content).toEqual([{ type: "text", text: "Long running operation completed. Duration: 1 seconds, Steps: 5." }]);
    // The SDK drops the last report when it arrives together with the result.
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress).toEqual(progress.map((_, index) => ({ progress: index + 1, total: 5 })));
  });

  it("restarts the timeout on each progress report", async () => {
    // 3 s in all, twice the timeout, but a report every 300 ms: never silent for that long, even on a loaded machine.
    const result = await pool.callTool("everything", LONG, { duration: 3, steps: 10 }, { timeoutMs: 1_500, onProgress: () => {} });
    expect(result.isError).toBe(false);
  });

  it("rejects with a clear message when a call times out, and stays usable", async () => {
    // Left alone, the operation would succeed after 5 s: failing at all means the timeout ended it.
    const outcome = await settled(pool.callTool("everything", LONG, { duration: 5, steps: 1 }, { timeoutMs: 300 }));
    expect(outcome).toMatchObject({ ok: false, error: new Error(`MCP server everything: tool ${LONG} timed out after 300 ms`) });
    await expect(pool.callTool("everything", "echo", { message: "still here" })).resolves.toMatchObject({ isError: false });
  });

  it("rejects with the signal's reason when aborted mid-call", async () => {
    const controller = new AbortController();
    const abort = onFirstProgress(() => controller.abort(new Error("user stopped the run")));
    // Left alone, the operation would succeed after 10 s: failing at all means the abort ended it.
    const call = pool.callTool("everything", LONG, { duration: 10, steps: 50 }, { signal: controller.signal, onProgress: abort });
    expect(await settled(call)).toMatchObject({ ok: false, error: new Error("user stopped the run") });
    await expect(pool.callTool("everything", "echo", { message: "after abort" })).resolves.toMatchObject({ isError: false });
  });

  it("returns a tool's failure as an error result, and rejects for an unknown server", async () => {
    const unknownTool = await pool.callTool("everything", "no-such-tool", {});
    expect(unknownTool).toMatchObject({
      isError: true,
      content: [{ type: "text", text: expect.stringContaining("Tool no-such-tool not found") }],
    });
    const badArguments = await pool.callTool("everything", "get-sum", { a: "not a number", b: 2 });
    expect(badArguments.isError).toBe(true);
    await expect(pool.callTool("nope", "echo", {})).rejects.toThrow('Unknown MCP server "nope" (configured: everything)');
  });

  it("shares one connection between concurrent first calls", async () => {
    await pool.close();
    expect(await childPids()).toEqual([]);
    const results = await Promise.all(["a", "b", "c"].map((message) => pool.callTool("everything", "echo", { message })));
    expect(results.map((result) => result.content)).toEqual(["a", "b", "c"].map((m) => [{ type: "text", text: `Echo: ${m}` }]));
    expect(await childPids()).toHaveLength(1);
  });

  it("reconnects on request, with a new process and a fresh tool list", async () => {
    await pool.listTools("everything");
    const [before] = await childPids();
    await pool.reconnect("everything");
    const after = await childPids();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(pool.status()[0]).toEqual({ name: "everything", transport: "stdio", state: "connected" });
  });
});
