import type { LanguageModelV4CallOptions, LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import { findOutputInstructions } from "../prompt-blocks";
import { answerFromResults, directAnswer } from "./answer";
import { chooseTools, type ToolPick } from "./choose-tools";
import { readConversation, type Conversation } from "./conversation";
import type { Reply } from "./reply";
import { fillOutput } from "./structured";
import { listInWords } from "./words";

const STOP = { unified: "stop", raw: "stop" } as const;
const TOOL_CALLS = { unified: "tool-calls", raw: "tool-calls" } as const;

/**
 * One step of the demo model: call the tools that fit the question, or, once they have answered
 * (or when none fits), write the answer — as JSON when an output schema is asked for.
 */
export function decide(options: LanguageModelV4CallOptions): Reply {
  const conversation = readConversation(options.prompt);
  const tools = (options.tools ?? []).filter((tool): tool is LanguageModelV4FunctionTool => tool.type === "function");
  if (!conversation.toolsCalled) {
    const picks = chooseTools(conversation.question, tools, options.toolChoice, conversation.params);
    if (picks.length > 0) return callTools(picks, conversation);
  }
  const output = outputSchema(options, conversation.system);
  if (output) return writeOutput(output.name, output.schema, conversation);
  return writeAnswer(conversation, tools);
}

function callTools(picks: ToolPick[], conversation: Conversation): Reply {
  const topics = [...new Set(picks.flatMap((pick) => pick.topics))];
  const about = topics.length > 0 ? topics : [...new Set(picks.flatMap((pick) => pick.matched))];
  const tools = listInWords([...new Set(picks.map((pick) => pick.tool.name))]);
  const intent = `I will look it up with ${tools}.`;
  return {
    reasoning: about.length > 0 ? `The question asks about ${listInWords(about)}. ${intent}` : intent,
    text: "",
    // Numbered by step, so calls stay unique across the turns of a conversation.
    toolCalls: picks.map((pick, index) => ({
      type: "tool-call",
      toolCallId: `demo-call-${conversation.step}-${index}`,
      toolName: pick.tool.name,
      input: JSON.stringify(pick.input),
    })),
    finishReason: TOOL_CALLS,
    inputTokens: conversation.words,
  };
}

type OutputRequest = { name: string; schema: unknown };

/** The schema asked for: by the call (`Output.object`) or by a phase's instructions in the system prompt. */
function outputSchema(options: LanguageModelV4CallOptions, system: string): OutputRequest | undefined {
  const format = options.responseFormat;
  if (format?.type === "json") return { name: format.name ?? "result", schema: format.schema ?? {} };
  return findOutputInstructions(system);
}

function writeOutput(name: string, schema: unknown, conversation: Conversation): Reply {
  if (!conversation.results.some((result) => !result.isError)) return refuseOutput(name, conversation);
  return {
    reasoning: `Writing the ${name} from the tool results.`,
    text: JSON.stringify(fillOutput(schema, conversation.results), null, 2),
    toolCalls: [],
    finishReason: STOP,
    inputTokens: conversation.words,
  };
}

/**
 * No tool found anything: there is nothing true to put in the object, and a schema-valid object of
 * placeholders would pass for a result. Said in prose instead, which the run reports as invalid output.
 */
function refuseOutput(name: string, { results, words }: Conversation): Reply {
  const said = (output: unknown) => (typeof output === "string" ? output : JSON.stringify(output));
  const why =
    results.length > 0
      ? `every tool failed (${results.map((result) => `${result.toolName}: ${said(result.output)}`).join("; ")})`
      : "no tool result holds the facts it needs, and the demo model invents none";
  return {
    reasoning: `I have no facts for the ${name}.`,
    text: `I could not write the ${name}: ${why}.`,
    toolCalls: [],
    finishReason: STOP,
    inputTokens: words,
  };
}

function writeAnswer(conversation: Conversation, tools: LanguageModelV4FunctionTool[]): Reply {
  const { results } = conversation;
  return {
    reasoning: answerReasoning(conversation, tools),
    text: results.length > 0 ? answerFromResults(results) : directAnswer(tools),
    toolCalls: [],
    finishReason: STOP,
    inputTokens: conversation.words,
  };
}

function answerReasoning({ results }: Conversation, tools: LanguageModelV4FunctionTool[]) {
  if (results.length === 0) {
    return `${tools.length > 0 ? "No tool fits this question" : "This agent has no tools"}, so I will answer directly.`;
  }
  const names = listInWords([...new Set(results.map((result) => result.toolName))]);
  if (results.every((result) => result.isError)) return `${names} failed, so I will say so.`;
  return `I have what ${names} returned. I will summarise it.`;
}
