import { fitNumber, fitString, primaryType, propertiesOf, readSchema, type SchemaNode } from "./json-schema";
import { placeholder } from "./placeholder";
import { findCode, findExpression, findNames, findNumbers, findPath, findTimeZone, mentions, saysYes } from "./question";
import { keywords } from "./words";

export type Arguments = {
  input: Record<string, unknown>;
  /** Values read off the question ("Spain", "docs/"), to say what the question is about. */
  topics: string[];
  /** Share of the required arguments the question supplied: how well the question fits the tool. */
  fit: number;
  /** Names no argument took: "Compare Spain and France" leaves "France" for a second call. */
  unusedNames: string[];
};

/** A value for one argument, and whether the question supplied it rather than a fallback. */
type Filled = { value: unknown; found: boolean };

/**
 * Numbers and names are handed out in reading order, so `a` and `b` get the first and second number.
 * `params`: the conversation's parameters, which fill an argument of the same name the question leaves open.
 */
type Reader = { question: string; numbers: number[]; names: string[]; topics: string[]; params: Record<string, unknown> };

type StringKind = "expression" | "path" | "zone" | "name" | "text";

const KIND_WORDS: Array<[StringKind, string[]]> = [
  ["expression", ["expression", "formula", "expr", "equation"]],
  ["zone", ["timezone", "zone", "tz"]],
  ["path", ["path", "file", "filename", "filepath", "directory", "dir", "folder"]],
  ["name", ["country", "code", "name", "city", "location", "place"]],
  ["text", ["message", "text", "query", "prompt", "question", "input"]],
];

/** Fills a tool's input from the question, guided by its JSON Schema; `names` are those still to use. */
export function fillArguments(
  inputSchema: unknown,
  question: string,
  names = findNames(question),
  params: Record<string, unknown> = {},
): Arguments {
  const reader: Reader = { question, numbers: findNumbers(question), names: [...names], topics: [], params };
  const { value, requiredFound, requiredTotal } = fillObject(readSchema(inputSchema), reader);
  const fit = requiredTotal === 0 ? 0 : requiredFound / requiredTotal;
  return { input: value, topics: reader.topics, fit, unusedNames: reader.names };
}

/**
 * Required properties always get a value; optional ones only when the question supplies one, so a
 * tool's own defaults apply otherwise. Required ones go first, to take the first numbers and names.
 */
function fillObject(node: SchemaNode, reader: Reader) {
  const required = new Set(node.required);
  const entries = propertiesOf(node).sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
  const value: Record<string, unknown> = {};
  let found = 0;
  let requiredFound = 0;
  for (const [name, child] of entries) {
    const filled = fill(name, child, reader);
    if (filled.found && typeof filled.value === "string") reader.topics.push(filled.value);
    if (filled.found) found += 1;
    if (filled.found && required.has(name)) requiredFound += 1;
    if (filled.found || required.has(name)) value[name] = filled.value;
  }
  const requiredTotal = entries.filter(([name]) => required.has(name)).length;
  return { value, found, requiredFound, requiredTotal };
}

function fill(name: string, node: SchemaNode, reader: Reader): Filled {
  const read = readQuestion(name, node, reader);
  if (read.found || !(name in reader.params)) return read;
  return { value: reader.params[name], found: true };
}

function readQuestion(name: string, node: SchemaNode, reader: Reader): Filled {
  const fallback = { value: placeholder(node), found: false };
  if (node.const !== undefined) return fallback;
  if (node.enum) {
    const mentioned = node.enum.find((option) => mentions(reader.question, String(option)));
    return mentioned === undefined ? fallback : { value: mentioned, found: true };
  }
  switch (primaryType(node)) {
    case "number":
    case "integer": {
      const number = reader.numbers.shift();
      return number === undefined ? fallback : { value: fitNumber(number, node), found: true };
    }
    case "boolean":
      return saysYes(reader.question) ? { value: true, found: true } : fallback;
    case "array": {
      const item = fill(name, readSchema(node.items), reader);
      return item.found ? { value: [item.value], found: true } : fallback;
    }
    case "object": {
      const nested = fillObject(node, reader);
      return { value: nested.value, found: nested.found > 0 };
    }
    default:
      return fillString(name, node, reader);
  }
}

function fillString(name: string, node: SchemaNode, reader: Reader): Filled {
  const kind = stringKind(name, node.description);
  const found = readKind(kind, reader);
  if (found !== undefined) return { value: fitString(found, node), found: true };
  if (kind !== "text" && node.default !== undefined) return { value: node.default, found: false };
  return { value: fitString(kind === "path" ? "." : reader.question, node), found: false };
}

function readKind(kind: StringKind, reader: Reader): string | undefined {
  switch (kind) {
    case "expression":
      return findExpression(reader.question);
    case "path":
      return findPath(reader.question);
    case "zone":
      return findTimeZone(reader.question);
    case "name":
      return reader.names.shift() ?? findCode(reader.question);
    case "text":
      return undefined;
  }
}

/**
 * What a string argument holds, from its name or, failing that, the head of its description: "IANA
 * time zone name" is not a name to fill with "Spain", "Directory to list" is a path.
 */
function stringKind(name: string, description = ""): StringKind {
  const head = new Set([...keywords(description)].slice(0, 2));
  return kindOf(keywords(name)) ?? kindOf(head) ?? "text";
}

function kindOf(words: Set<string>): StringKind | undefined {
  return KIND_WORDS.find(([, kindWords]) => kindWords.some((word) => words.has(word)))?.[0];
}
