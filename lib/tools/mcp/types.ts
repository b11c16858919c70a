import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ToolProgress } from "../types";
import type { PublicServerInfo } from "./config";

export type McpPoolOptions = {
  connectTimeoutMs: number;
  callTimeoutMs: number;
  toolsTtlMs: number;
  /** Serverless hosts (Vercel) cannot spawn long-lived processes: stdio servers are unavailable there. */
  serverless?: boolean;
  /** Tool lists shared between instances (Redis); each instance caches on its own without it. */
  shared?: SharedToolLists;
};

/** `annotations`: the server's hints, such as `readOnlyHint` and `idempotentHint`. */
export type McpToolInfo = Pick<Tool, "name" | "description" | "inputSchema" | "annotations">;

/** Tool lists shared by every instance, so one `tools/list` per server and TTL serves them all. */
export interface SharedToolLists {
  get(server: string): Promise<{ tools: McpToolInfo[]; expiresAt: number } | undefined>;
  set(server: string, tools: McpToolInfo[], ttlMs: number): Promise<void>;
  drop(server: string): Promise<void>;
}

export type McpCallOptions = { signal?: AbortSignal; timeoutMs?: number; onProgress?: (progress: ToolProgress) => void };

export type McpCallResult = { content: unknown[]; isError: boolean; structuredContent?: unknown };

export type McpServerStatus = PublicServerInfo & {
  state: "idle" | "connecting" | "connected" | "error" | "unavailable";
  error?: string;
  toolCount?: number;
};
