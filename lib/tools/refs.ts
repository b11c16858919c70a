/**
 * How agents name tools: a built-in's name (`calculator`), one tool of an MCP server
 * (`mcp:<server>/<tool>`) or all of them (`mcp:<server>/*`). The one parser of that syntax.
 */
type ToolRef = { ref: string; server?: undefined; tool: string } | { ref: string; server: string; tool: string };

const MCP_REF = /^mcp:([^/]+)\/(.+)$/;

/** What an agent file may write: a built-in name, or an MCP server slug and a tool name or `*`. */
export const TOOL_REF_FORMAT = /^([a-z][a-z0-9_]*|mcp:[a-z0-9][a-z0-9_-]*\/(\*|[A-Za-z0-9_.-]+))$/;

export function parseToolRef(ref: string): ToolRef {
  const match = MCP_REF.exec(ref);
  return match ? { ref, server: match[1]!, tool: match[2]! } : { ref, tool: ref };
}

export const mcpToolRef = (server: string, tool: string) => `mcp:${server}/${tool}`;
