import type { LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import type { ToolResult } from "./conversation";
import { describe, factsOf, nameOf, type Fact } from "./facts";
import { isRecord } from "./json";

const INTRO =
  "Hi! I am the offline demo model: I answer by matching your question to this agent's tools, " + "without a real language model.";
const NO_TOOLS = "This agent has no tools, so there is nothing I can look up for you. Give it tools, or configure a real model.";

// Longer than this, what a call was about is the whole question, not a subject to name.
const SUBJECT_LENGTH = 40;

// A summary is one sentence: the first few short facts, not every field.
const SUMMARY_FACTS = 6;
const SUMMARY_FACT_LENGTH = 60;

/** A short markdown answer: per tool, what it found, or that it failed. */
export function answerFromResults(results: ToolResult[]): string {
  return results.map(section).join("\n\n");
}

function section(result: ToolResult): string {
  const subject = subjectOf(result);
  const tool = `\`${result.toolName}\``;
  if (result.isError) {
    return `I tried ${tool}${subject ? ` for ${subject}` : ""}, but it failed: ${describe(result.output)}`;
  }
  const heading = `Here is what I found ${subject ? `for ${subject}` : `with ${tool}`}:`;
  return [heading, "", ...factsOf(result.output).map(listItem)].join("\n");
}

function listItem(fact: Fact) {
  if (!fact.label) return `- ${fact.text}`;
  return fact.text ? `- **${fact.label}**: ${fact.text}` : `- **${fact.label}**`;
}

/** What the call was about: the thing the tool returned, else the short text it was asked about. */
function subjectOf(result: ToolResult): string | undefined {
  const named = isRecord(result.output) ? nameOf(result.output) : undefined;
  const inputs = isRecord(result.input) ? Object.values(result.input) : [];
  const asked = inputs.find((value): value is string => typeof value === "string");
  const subject = named ?? asked;
  return subject && subject.length <= SUBJECT_LENGTH ? subject : undefined;
}

/** The answer when no tool result is there to use. */
export function directAnswer(tools: LanguageModelV4FunctionTool[]): string {
  if (tools.length === 0) return `${INTRO}\n\n${NO_TOOLS}`;
  return [
    INTRO,
    "",
    "None of them fits this question. Here is what this agent can do:",
    "",
    ...tools.map((tool) => listItem({ label: tool.name, text: tool.description ?? "" })),
    "",
    "Ask about one of these and I will use it.",
  ].join("\n");
}

/** All the results in one sentence, for a summary field of structured output. */
export function summarize(results: ToolResult[]): string {
  if (results.length === 0) return "No tool results were available.";
  const clauses = results.map((result) => {
    if (result.isError) return `${result.toolName} failed (${describe(result.output)})`;
    const facts = factsOf(result.output)
      .filter((fact) => fact.text.length <= SUMMARY_FACT_LENGTH)
      .slice(0, SUMMARY_FACTS)
      .map((fact) => (fact.label ? `${fact.label} ${fact.text}` : fact.text));
    return facts.length > 0 ? `${result.toolName} found ${facts.join(", ")}` : `${result.toolName} answered`;
  });
  return `${clauses.join("; ").replace(/[.!?]+$/, "")}.`;
}
