import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ToolProgress } from "../types";
import type { PublicServerInfo } from "./config";
import type { SharedToolLists } from "./shared-tool-lists";

export type McpPoolOptions = {
  connectTimeoutMs: number;
  callTimeoutMs: number;
  toolsTtlMs: number;
  /** Serverless hosts (Vercel) cannot spawn long-lived processes: stdio servers are unavailable there. */
  serverless?: boolean;
  /** Tool lists shared between instances (Redis); each instance caches on its own without it. */
  shared?: SharedToolLists;
};

export type McpToolInfo = { name: string; description?: string; inputSchema: Tool["inputSchema"] };

export type McpCallOptions = { signal?: AbortSignal; timeoutMs?: number; onProgress?: (progress: ToolProgress) => void };

export type McpCallResult = { content: unknown[]; isError: boolean; structuredContent?: unknown };

export type McpServerStatus = PublicServerInfo & {
  state: "idle" | "connecting" | "connected" | "error" | "unavailable";
  error?: string;
  toolCount?: number;
};
