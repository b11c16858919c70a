import type { LanguageModelV4FunctionTool, LanguageModelV4ToolChoice } from "@ai-sdk/provider";
import { fillArguments } from "./arguments";
import { splitAsks } from "./question";
import { keywords } from "./words";

export type ToolPick = {
  tool: LanguageModelV4FunctionTool;
  input: Record<string, unknown>;
  /** Values the question supplied to the arguments. */
  topics: string[];
  /** Question words found in the tool's name or description. */
  matched: string[];
  /** Names in the question the arguments did not take, for another call. */
  unusedNames: string[];
  score: number;
};

const MAX_CALLS = 3;

/**
 * The tools that fit the question best: question words in the tool's name and description, plus
 * how many required arguments the question can fill. Ties are all called, so a question that
 * matches two tools equally gets both answers; a tool is called once per name the question gives it.
 * A question asking several things is taken one ask at a time, each with the tools that fit it and
 * the arguments it holds. `params` fill the arguments of the same name that the question leaves open.
 */
export function chooseTools(
  question: string,
  tools: LanguageModelV4FunctionTool[],
  choice: LanguageModelV4ToolChoice = { type: "auto" },
  params: Record<string, unknown> = {},
): ToolPick[] {
  if (choice.type === "none") return [];
  const asks = choice.type === "auto" ? splitAsks(question) : [question];
  const picks = asks.flatMap((ask) => {
    const rated = tools.map((tool) => rate(tool, ask, keywords(ask), params));
    return best(rated, choice).flatMap((pick) => [pick, ...repeats(pick, ask, params)]);
  });
  return unique(picks).slice(0, MAX_CALLS);
}

/** The same call asked twice (by two asks) is made once. */
function unique(picks: ToolPick[]) {
  const seen = new Set<string>();
  return picks.filter((pick) => {
    const key = `${pick.tool.name} ${JSON.stringify(pick.input)}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function best(rated: ToolPick[], choice: LanguageModelV4ToolChoice): ToolPick[] {
  if (choice.type === "tool") return rated.filter((pick) => pick.tool.name === choice.toolName);
  const top = Math.max(0, ...rated.map((pick) => pick.score));
  if (top === 0) return choice.type === "required" ? rated.slice(0, 1) : [];
  return rated.filter((pick) => pick.score === top);
}

function rate(tool: LanguageModelV4FunctionTool, question: string, asked: Set<string>, params: Record<string, unknown>): ToolPick {
  const nameWords = keywords(tool.name);
  const descriptionWords = keywords(tool.description ?? "");
  const matched = [...asked].filter((word) => nameWords.has(word) || descriptionWords.has(word));
  const { input, topics, fit, unusedNames } = fillArguments(tool.inputSchema, question, undefined, params);
  // A question word in the tool's name says more than one in its description.
  const overlap = matched.reduce((sum, word) => sum + (nameWords.has(word) ? 2 : 1), 0);
  return { tool, input, topics, matched, unusedNames, score: overlap + fit };
}

/** One more call for each name the previous call left over: "Compare Spain and France" looks up both. */
function repeats(pick: ToolPick, question: string, params: Record<string, unknown>): ToolPick[] {
  const more: ToolPick[] = [];
  let names = pick.unusedNames;
  while (names.length > 0 && more.length < MAX_CALLS - 1) {
    const next = fillArguments(pick.tool.inputSchema, question, names, params);
    if (next.unusedNames.length === names.length) break;
    more.push({ ...pick, input: next.input, topics: next.topics, unusedNames: next.unusedNames });
    names = next.unusedNames;
  }
  return more;
}
