import "server-only";
import type { McpServerConfig } from "./config";
import { McpConnection } from "./connection";
import type { McpCallOptions, McpCallResult, McpPoolOptions, McpServerStatus, McpToolInfo } from "./types";

export type { McpCallOptions, McpCallResult, McpPoolOptions, McpServerStatus, McpToolInfo } from "./types";

/**
 * The configured MCP servers, each behind one client that connects on first use and is shared by
 * every call and run after it. A lost connection is re-established by the next call.
 */
export class McpPool {
  private readonly connections: ReadonlyMap<string, McpConnection>;

  constructor(servers: Record<string, McpServerConfig>, options: McpPoolOptions) {
    this.connections = new Map(Object.entries(servers).map(([name, config]) => [name, new McpConnection(name, config, options)]));
  }

  /** The server's tools, cached for `toolsTtlMs` and until it reports a change or reconnects. */
  async listTools(server: string): Promise<McpToolInfo[]> {
    return this.connection(server).listTools();
  }

  async callTool(server: string, tool: string, args: Record<string, unknown>, options: McpCallOptions = {}): Promise<McpCallResult> {
    return this.connection(server).callTool(tool, args, options);
  }

  status(): McpServerStatus[] {
    return [...this.connections.values()].map((connection) => connection.status());
  }

  async reconnect(server: string): Promise<void> {
    await this.connection(server).reconnect();
  }

  /** Disconnects every server and waits for their processes to end. */
  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((connection) => connection.close()));
  }

  private connection(server: string) {
    const connection = this.connections.get(server);
    if (!connection) {
      const known = [...this.connections.keys()].join(", ") || "none";
      throw new Error(`Unknown MCP server "${server}" (configured: ${known})`);
    }
    return connection;
  }
}
