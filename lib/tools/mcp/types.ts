import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ToolProgress } from "../types";
import type { PublicServerInfo } from "./config";

export type McpPoolOptions = {
  connectTimeoutMs: number;
  callTimeoutMs: number;
  toolsTtlMs: number;
  /** Serverless hosts (Vercel) cannot spawn long-lived processes: stdio servers are unavailable there. */
  serverless?: boolean;
};

export type McpToolInfo = { name: string; description?: string; inputSchema: Tool["inputSchema"] };

export type McpCallOptions = { signal?: AbortSignal; timeoutMs?: number; onProgress?: (progress: ToolProgress) => void };

export type McpCallResult = { content: unknown[]; isError: boolean; structuredContent?: unknown };

export type McpServerStatus = PublicServerInfo & {
  state: "idle" | "connecting" | "connected" | "error" | "unavailable";
  error?: string;
  toolCount?: number;
};
