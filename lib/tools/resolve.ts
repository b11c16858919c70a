import type { JSONSchema7 } from "ai";
import type { McpPool, McpToolInfo } from "./mcp/pool";
import { mcpToolRef, parseToolRef } from "./refs";
import type { RuntimeTool } from "./types";

export type ToolSources = { builtins: ReadonlyMap<string, RuntimeTool>; mcp: McpPool };

/** OpenAI-compatible APIs accept `^[a-zA-Z0-9_-]{1,64}$` as function names. */
function modelFacingName(server: string, toolName: string) {
  return `${server}__${toolName}`.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
}

type McpContent = { type: string; text?: string };

/** What the model and the UI get back: structured content if any, else the text, else the raw parts. */
function mcpValue(result: { content: unknown[]; structuredContent?: unknown }) {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const parts = result.content as McpContent[];
  return parts.every((part) => part.type === "text") ? parts.map((part) => part.text).join("\n") : parts;
}

function mcpTool(pool: McpPool, server: string, info: McpToolInfo): RuntimeTool {
  return {
    ref: mcpToolRef(server, info.name),
    name: modelFacingName(server, info.name),
    description: info.description ?? `${info.name} (MCP server ${server})`,
    inputSchema: info.inputSchema as JSONSchema7,
    // The server's word for it; a tool that says nothing may have effects (the MCP spec's own default).
    idempotent: info.annotations?.readOnlyHint === true || info.annotations?.idempotentHint === true,
    async execute(input, { signal, onProgress }) {
      const result = await pool.callTool(server, info.name, input, { signal, onProgress });
      const value = mcpValue(result);
      if (result.isError) throw new Error(typeof value === "string" ? value : JSON.stringify(value));
      return value;
    },
  };
}

async function resolveMcp(ref: string, server: string, name: string, pool: McpPool) {
  const available = await pool.listTools(server);
  if (name === "*") return available.map((info) => mcpTool(pool, server, info));
  const info = available.find((candidate) => candidate.name === name);
  if (!info) throw new Error(`${ref}: the MCP server "${server}" has no tool "${name}"`);
  return [mcpTool(pool, server, info)];
}

/** Tool references of an agent or phase → runtime tools, connecting to MCP servers as needed. */
export async function resolveTools(refs: readonly string[], sources: ToolSources): Promise<RuntimeTool[]> {
  const resolved = await Promise.all(
    refs.map(async (ref) => {
      const { server, tool } = parseToolRef(ref);
      if (server) return resolveMcp(ref, server, tool, sources.mcp);
      const builtin = sources.builtins.get(ref);
      if (!builtin) throw new Error(`Unknown tool "${ref}"`);
      return [builtin];
    }),
  );
  return resolved.flat();
}
