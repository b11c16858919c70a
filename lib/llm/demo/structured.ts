import { summarize } from "./answer";
import type { ToolResult } from "./conversation";
import { describe } from "./facts";
import { isRecord } from "./json";
import { fitNumber, fitString, primaryType, propertiesOf, readSchema, type SchemaNode } from "./json-schema";
import { placeholder } from "./placeholder";
import { splitWords } from "./words";

// Keys that mean the same thing in a schema and in a tool's output.
const SYNONYMS = [
  ["name", "country", "countryname", "title"],
  ["capital", "capitalcity"],
  ["currency", "currencies", "currencyname", "currencycode"],
  ["population", "inhabitants"],
  ["result", "value", "answer", "output"],
  ["files", "entries", "items", "children"],
  ["path", "directory", "dir", "folder"],
];
const SOURCE_KEYS = new Set(["sources", "source", "tools", "toolsused", "references"]);
const SUMMARY_KEYS = new Set(["summary", "description", "overview", "explanation"]);

type Context = { results: ToolResult[]; roots: unknown[] };

/** A value valid against the schema, filled from the tool results and placeholders for the rest. */
export function fillOutput(schema: unknown, results: ToolResult[]): unknown {
  const roots = results.filter((result) => !result.isError).map((result) => result.output);
  return fillValue("", readSchema(schema), { results, roots });
}

function fillValue(key: string, node: SchemaNode, context: Context): unknown {
  if (node.const !== undefined) return node.const;
  const found = fromResults(key, node, context);
  if (found !== undefined) return found;
  return primaryType(node) === "object" ? fillObject(node, context) : placeholder(node);
}

function fillObject(node: SchemaNode, context: Context): Record<string, unknown> {
  return Object.fromEntries(propertiesOf(node).map(([name, child]) => [name, fillValue(name, child, context)]));
}

function fromResults(key: string, node: SchemaNode, context: Context): unknown {
  const normalized = normalize(key);
  const type = primaryType(node);
  if (type === "array" && SOURCE_KEYS.has(normalized) && primaryType(readSchema(node.items)) === "string") {
    return fitItems([...new Set(context.results.map((result) => result.toolName))], node);
  }
  if (type === "string" && SUMMARY_KEYS.has(normalized)) return fitString(summarize(context.results), node);
  return normalized ? search(context.roots, normalized, (value) => accept(value, node, context)) : undefined;
}

/**
 * Breadth first through every result, so a top-level field wins over a nested one; the key's own
 * name first, then its synonyms.
 */
function search(roots: unknown[], key: string, accept: (value: unknown) => unknown): unknown {
  for (const name of namesFor(key)) {
    const queue = [...roots];
    while (queue.length > 0) {
      const value = queue.shift();
      if (Array.isArray(value)) queue.push(...value);
      if (!isRecord(value)) continue;
      for (const [field, child] of Object.entries(value)) {
        const accepted = normalize(field) === name ? accept(child) : undefined;
        if (accepted !== undefined) return accepted;
        queue.push(child);
      }
    }
  }
  return undefined;
}

function namesFor(key: string) {
  const synonyms = SYNONYMS.find((group) => group.includes(key)) ?? [];
  return [key, ...synonyms.filter((synonym) => synonym !== key)];
}

/** The value converted to what the schema wants, or undefined when it cannot be. */
function accept(value: unknown, node: SchemaNode, context: Context): unknown {
  if (value === null || value === undefined) return primaryType(node) === "null" ? null : undefined;
  if (node.enum) return node.enum.find((option) => sameOption(option, value));
  switch (primaryType(node)) {
    case "string":
      return fitString(typeof value === "string" ? value : describe(value), node);
    case "number":
    case "integer": {
      const number = typeof value === "string" ? Number(value.replace(/[,_\s]/g, "")) : value;
      return typeof number === "number" && Number.isFinite(number) ? fitNumber(number, node) : undefined;
    }
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "array": {
      const items = readSchema(node.items);
      const accepted = (Array.isArray(value) ? value : [value]).map((item) => accept(item, items, context));
      return fitItems(
        accepted.filter((item) => item !== undefined),
        node,
      );
    }
    case "object":
      return isRecord(value) ? fillObject(node, { ...context, roots: [value] }) : undefined;
    default:
      return value;
  }
}

function sameOption(option: unknown, value: unknown) {
  if (typeof option === "string" && typeof value === "string") return option.toLowerCase() === value.toLowerCase();
  return option === value;
}

function fitItems(items: unknown[], node: SchemaNode): unknown[] {
  const missing = Math.max(0, (node.minItems ?? 0) - items.length);
  return [...items, ...Array.from({ length: missing }, () => placeholder(readSchema(node.items)))];
}

function normalize(key: string) {
  return splitWords(key).join("");
}
