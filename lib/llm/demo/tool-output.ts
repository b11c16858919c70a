import type { LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import { z } from "zod";
import { parseJson } from "./json";

type ToolOutput = { output: unknown; isError: boolean };

// An MCP tool's result (`CallToolResult`), passed through as JSON: its data is in the text content.
const mcpResult = z.object({
  content: z.array(z.looseObject({ type: z.string() })),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
});

/** A tool result as data, whichever way the SDK or an MCP server wrapped it. */
export function readToolOutput(output: LanguageModelV4ToolResultOutput): ToolOutput {
  switch (output.type) {
    case "text":
      return { output: parseJson(output.value), isError: false };
    case "json":
      return unwrapMcp(output.value);
    case "error-text":
      // The SDK sends `error.toString()`; the "Error: " in front is noise in an answer.
      return { output: output.value.replace(/^\w*Error: /, ""), isError: true };
    case "error-json":
      return { output: output.value, isError: true };
    case "execution-denied":
      return { output: output.reason ?? "The call was not approved.", isError: true };
    case "content":
      return { output: parseJson(textOf(output.value)), isError: false };
  }
}

function unwrapMcp(value: unknown): ToolOutput {
  const result = mcpResult.safeParse(value);
  if (!result.success) return { output: value, isError: false };
  const { content, structuredContent, isError = false } = result.data;
  return { output: structuredContent ?? parseJson(textOf(content)), isError };
}

function textOf(content: Array<{ type: string; text?: unknown }>) {
  return content.flatMap((part) => (part.type === "text" && typeof part.text === "string" ? [part.text] : [])).join("\n");
}
