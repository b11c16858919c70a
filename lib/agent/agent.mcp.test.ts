import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import { McpPool } from "@/lib/tools/mcp/pool";
import { childPids, POOL_OPTIONS, projectServers } from "@/test/support/mcp";
import { finish, step, text, toolCall } from "@/test/support/mock-model";
import { runScripted } from "@/test/support/run-agent";
import { agentConfigSchema } from "./config";
import type { AgentEvent } from "./events";

// Agent runs whose tools are served by the real `everything` MCP server over stdio (mcp.json).
const explorer = agentConfigSchema.parse({
  name: "mcp-explorer",
  description: "MCP tools.",
  model: "demo",
  tools: ["mcp:everything/trigger-long-running-operation", "mcp:everything/echo"],
});

const toolStep = (toolName: string, input: object) => step(toolCall(toolName, input), [finish("tool-calls")]);
const textStep = (content: string) => step(text(content), [finish("stop")]);

const pool = new McpPool(await projectServers(), POOL_OPTIONS);
afterAll(() => pool.close());

const run = (model: MockLanguageModelV4, onEvent?: (event: AgentEvent) => void) =>
  runScripted(explorer, model, { mcp: pool, query: "Run a long operation", onEvent });

describe("MCP tools in a run", () => {
  it("reports the server's progress notifications as tool_progress, then the result", async () => {
    const model = new MockLanguageModelV4({
      doStream: [toolStep("everything__trigger-long-running-operation", { duration: 1, steps: 4 }), textStep("Finished.")],
    });
    const { events, outcome } = await run(model);
    const progress = events.filter((e) => e.type === "tool_progress");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((e) => e.progress)).toEqual([...progress.map((e) => e.progress)].sort((a, b) => a - b));
    expect(progress[0]).toMatchObject({ call_id: "call-1", total: 4 });
    expect(events.find((e) => e.type === "tool_start")).toMatchObject({ tool: "mcp:everything/trigger-long-running-operation" });
    expect(events.find((e) => e.type === "tool_result")).toMatchObject({ success: true, result: expect.stringContaining("completed") });
    expect(outcome.status).toBe("succeeded");
  });

  it("survives the server dying mid-call, and the next run reconnects", async () => {
    const before = await childPids();
    const model = new MockLanguageModelV4({
      // 30 s of work, like the pool's call timeout: the server's death, not either of those, must end the call.
      doStream: [toolStep("everything__trigger-long-running-operation", { duration: 30, steps: 150 }), textStep("The tool failed.")],
    });
    let killedAt = Infinity;
    let failedAt = Infinity;
    const { events, outcome } = await run(model, (event) => {
      // Kill the server once it has shown it is working on the call.
      if (event.type === "tool_progress" && event.progress === 1) {
        for (const pid of before) process.kill(pid, "SIGKILL");
        killedAt = performance.now();
      }
      if (event.type === "tool_result") failedAt = performance.now();
    });
    expect(before.length).toBeGreaterThan(0);
    expect(events.find((e) => e.type === "tool_result")).toMatchObject({ success: false, error: expect.any(String) });
    // Within moments of the kill; 5 s is room for a loaded machine, far below the 30 s.
    expect(failedAt - killedAt).toBeLessThan(5_000);
    expect(events.at(-1)?.type).toBe("done");
    expect(outcome.status).toBe("succeeded");

    const next = await run(
      new MockLanguageModelV4({ doStream: [toolStep("everything__echo", { message: "back again" }), textStep("Echoed.")] }),
    );
    expect(next.events.find((e) => e.type === "tool_result")).toMatchObject({
      success: true,
      result: expect.stringContaining("back again"),
    });
    expect(await childPids()).not.toEqual(before);
  });
});
