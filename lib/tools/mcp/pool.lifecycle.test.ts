import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { childPids, GROWING_SERVER, nodeScript, onFirstProgress, POOL_OPTIONS, projectServers, settled } from "@/test/support/mcp";
import type { McpServerConfig } from "./config";
import { McpPool } from "./pool";

const SECRET = "s3cr3t-value-that-must-not-leak";

let pool: McpPool | undefined;

function open(servers: Record<string, McpServerConfig>, options: Partial<typeof POOL_OPTIONS> = {}) {
  pool = new McpPool(servers, { ...POOL_OPTIONS, ...options });
  return pool;
}

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  delete process.env.TEST_MCP_SECRET;
  expect(await childPids()).toEqual([]);
});

describe("McpPool when a server dies", () => {
  it("fails the call in flight at once, then reconnects to a new process on the next call", async () => {
    const { everything } = await projectServers();
    const mcp = open({ everything: everything! });
    await mcp.listTools("everything");
    const [pid] = await childPids();

    let killedAt = Infinity;
    const kill = onFirstProgress(() => {
      process.kill(pid!, "SIGKILL");
      killedAt = performance.now();
    });
    // 30 s of work, like the pool's call timeout: the exit, not either of those, must end the call.
    const call = mcp.callTool("everything", "trigger-long-running-operation", { duration: 30, steps: 150 }, { onProgress: kill });
    const outcome = await settled(call);
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.objectContaining({
        message: expect.stringMatching(
          /^MCP server everything: connection lost during tool trigger-long-running-operation: the server process exited\nLast lines of its stderr:\n/,
        ),
      }),
    });
    // Within moments of the exit; 5 s is room for a loaded machine, far below the 30 s.
    expect(outcome.at - killedAt).toBeLessThan(5_000);
    expect(mcp.status()[0]).toMatchObject({ state: "error", error: expect.stringContaining("disconnected") });

    const result = await mcp.callTool("everything", "echo", { message: "back again" });
    expect(result.content).toEqual([{ type: "text", text: "Echo: back again" }]);
    const pids = await childPids();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(pid);
    expect(mcp.status()[0]).toMatchObject({ state: "connected" });
  });
});

describe("McpPool connecting", () => {
  it("gives up after the connect timeout", async () => {
    // Reads its input and never answers.
    const mcp = open({ silent: nodeScript("process.stdin.resume();") }, { connectTimeoutMs: 300 });
    const started = performance.now();
    const outcome = await settled(mcp.listTools("silent"));
    expect(outcome).toMatchObject({ ok: false, error: new Error("Could not connect to MCP server silent within 300 ms") });
    // The 300 ms asked for, not the pool's usual 15 s: 5 s is room for a loaded machine.
    expect(outcome.at - started).toBeLessThan(5_000);
    expect(mcp.status()[0]).toMatchObject({ state: "error", error: "Could not connect to MCP server silent within 300 ms" });
  });

  it("explains a server that exits with its last stderr lines, without env values", async () => {
    process.env.TEST_MCP_SECRET = SECRET;
    const crashing = nodeScript(
      `console.error("starting with key " + process.env.API_KEY); console.error("fatal: no database"); process.exit(3);`,
      {
        API_KEY: "${TEST_MCP_SECRET}",
      },
    );
    const mcp = open({ crashing });
    const error = await mcp.listTools("crashing").catch((caught: unknown) => String(caught));
    expect(error).toMatch(/^Error: Could not connect to MCP server crashing: .*Connection closed/);
    expect(error).toContain("Last lines of its stderr:\nstarting with key ***\nfatal: no database");
    expect(error).not.toContain(SECRET);
  });

  it(`runs "node" as the app's own Node, in a relative cwd taken from the project root`, async () => {
    const reporter = { ...nodeScript("console.error(process.version + ' in ' + process.cwd()); process.exit(1);"), cwd: "samples" };
    const mcp = open({ reporter });
    await expect(mcp.listTools("reporter")).rejects.toThrow(`${process.version} in ${path.resolve("samples")}`);
  });

  it("substitutes ${VAR} in env when connecting, not when loading", async () => {
    const { everything } = await projectServers();
    const mcp = open({ everything: { ...everything!, env: { GREETING: "hello ${TEST_MCP_SECRET}" } } });
    process.env.TEST_MCP_SECRET = SECRET;
    const result = await mcp.callTool("everything", "get-env", {});
    const [content] = result.content as { text: string }[];
    expect(JSON.parse(content!.text)).toMatchObject({ GREETING: `hello ${SECRET}` });
  });

  it("refuses to connect when a ${VAR} is not set, naming it", async () => {
    const mcp = open({ remote: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${TEST_MCP_SECRET}" } } });
    await expect(mcp.callTool("remote", "anything", {})).rejects.toThrow(
      "Could not connect to MCP server remote: environment variable TEST_MCP_SECRET (used in headers.Authorization) is not set",
    );
    expect(mcp.status()).toEqual([
      {
        name: "remote",
        transport: "http",
        host: "mcp.example.com",
        state: "error",
        error: "Could not connect to MCP server remote: environment variable TEST_MCP_SECRET (used in headers.Authorization) is not set",
      },
    ]);
  });
});

describe("McpPool tool list cache", () => {
  it("asks again after the server reports tools/list_changed", async () => {
    const mcp = open({ growing: GROWING_SERVER });
    expect((await mcp.listTools("growing")).map((tool) => tool.name)).toEqual(["grow"]);
    await mcp.callTool("growing", "grow", {});
    expect((await mcp.listTools("growing")).map((tool) => tool.name)).toEqual(["grow", "added-1"]);
    expect(mcp.status()[0]).toMatchObject({ state: "connected", toolCount: 2 });
  });

  it("asks again once the TTL has passed", async () => {
    const mcp = open({ growing: GROWING_SERVER }, { toolsTtlMs: 0, callTimeoutMs: 500 });
    await mcp.listTools("growing");
    const [pid] = await childPids();
    // Paused, the server cannot answer: a request for the list must time out.
    process.kill(pid!, "SIGSTOP");
    try {
      await expect(mcp.listTools("growing")).rejects.toThrow("MCP server growing: tools/list timed out");
    } finally {
      process.kill(pid!, "SIGCONT");
    }
  });
});
