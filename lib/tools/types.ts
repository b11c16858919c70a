import type { JSONSchema7 } from "ai";

export type ToolProgress = { progress: number; total?: number; message?: string };

export type ToolCallOptions = { signal: AbortSignal; onProgress: (progress: ToolProgress) => void };

/**
 * A tool as the runtime sees it, whether built in or served by MCP: the model gets the name,
 * description and input schema; `execute` returns JSON-able data or throws with a message for the model.
 */
export type RuntimeTool = {
  /** As configured: `calculator`, `mcp:everything/echo`. */
  ref: string;
  /** As the model sees it: `^[a-zA-Z0-9_-]{1,64}$`, as OpenAI-compatible APIs require. */
  name: string;
  description: string;
  inputSchema: JSONSchema7;
  execute: (input: Record<string, unknown>, options: ToolCallOptions) => Promise<unknown>;
  /** Calling it again has no further effect (it reads, or sets what it sets): a call a crash cut off may run again. */
  idempotent?: boolean;
};

/** A call the model asked for: `input` is its arguments as parsed (an object, when the model got it right). */
export type ToolCall = { toolCallId: string; toolName: string; input: unknown };

/** A tool call's outcome as the model gets it back. */
export type ToolOutcome = { ok: true; value: unknown } | { ok: false; error: string };
