import type { LanguageModelV4Message, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { findParams, findToolResults } from "../prompt-blocks";
import { readToolOutput } from "./tool-output";
import { countWords } from "./words";

export type ToolResult = { toolName: string; input: unknown; output: unknown; isError: boolean };

/** What the demo model needs from a prompt. */
export type Conversation = {
  system: string;
  /** The conversation's params, as the system prompt gives them. */
  params: Record<string, unknown>;
  /** The last user message's text. */
  question: string;
  /** A tool was called since the last user message: the tool step is done, time to answer. */
  toolsCalled: boolean;
  /** Tool results of earlier phases (from the system prompt), then those since the last user message. */
  results: ToolResult[];
  /** Assistant messages so far, which numbers tool calls uniquely within the conversation. */
  step: number;
  /** The prompt's size in words: the demo model's input tokens. */
  words: number;
};

export function readConversation(prompt: LanguageModelV4Prompt): Conversation {
  const lastUser = prompt.findLastIndex((message) => message.role === "user");
  const inputs = new Map<string, unknown>();
  const results: ToolResult[] = [];
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role !== "assistant" && message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") inputs.set(part.toolCallId, part.input);
      if (part.type === "tool-result") {
        results.push({ toolName: part.toolName, input: inputs.get(part.toolCallId), ...readToolOutput(part.output) });
      }
    }
  }
  const user = prompt[lastUser];
  const system = prompt.flatMap((message) => (message.role === "system" ? [message.content] : [])).join("\n\n");
  const earlier = findToolResults(system).map(({ tool, result }) => ({ toolName: tool, input: undefined, output: result, isError: false }));
  return {
    system,
    params: findParams(system),
    question: user ? textOf(user) : "",
    toolsCalled: inputs.size > 0 || results.length > 0,
    results: [...earlier, ...results],
    step: prompt.filter((message) => message.role === "assistant").length,
    words: prompt.reduce((sum, message) => sum + countWords(textOf(message)), 0),
  };
}

/** A message as plain text; tool calls and results count as their JSON. */
function textOf(message: LanguageModelV4Message): string {
  if (message.role === "system") return message.content;
  return message.content
    .map((part) => {
      if (part.type === "text" || part.type === "reasoning") return part.text;
      if (part.type === "tool-call") return JSON.stringify(part.input) ?? "";
      if (part.type === "tool-result" && "value" in part.output) return JSON.stringify(part.output.value) ?? "";
      return "";
    })
    .join("\n");
}
