import { afterAll, describe, expect, it } from "vitest";
import { nodeScript, POOL_OPTIONS } from "@/test/support/mcp";
import { builtinTools } from "./builtin";
import { McpPool } from "./mcp/pool";
import { resolveTools } from "./resolve";

/** A server whose tools say, in their annotations, whether calling them again is harmless. */
const HINTS_SERVER = nodeScript(`
  import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
  import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
  const server = new McpServer({ name: "hints", version: "1.0.0" });
  const none = async () => ({ content: [] });
  server.registerTool("read", { annotations: { readOnlyHint: true } }, none);
  server.registerTool("put", { annotations: { readOnlyHint: false, idempotentHint: true } }, none);
  server.registerTool("send", { annotations: { readOnlyHint: false, destructiveHint: true } }, none);
  server.registerTool("silent", {}, none);
  await server.connect(new StdioServerTransport());
`);

const mcp = new McpPool({ hints: HINTS_SERVER }, POOL_OPTIONS);
afterAll(() => mcp.close());

describe("resolveTools", () => {
  it("marks a tool idempotent when its MCP annotations say it reads only or is idempotent, and every built-in", async () => {
    const tools = await resolveTools(["mcp:hints/*", ...builtinTools.keys()], { builtins: builtinTools, mcp });
    expect(Object.fromEntries(tools.map((tool) => [tool.ref, tool.idempotent]))).toEqual({
      "mcp:hints/read": true,
      "mcp:hints/put": true,
      "mcp:hints/send": false,
      "mcp:hints/silent": false,
      calculator: true,
      current_time: true,
      get_country_info: true,
    });
  });
});
