import { z } from "zod";
import { messageOf } from "@/lib/tools/errors";

/**
 * Turns a model's final answer into the structured output a phase asked for: finds the JSON in
 * the text (models wrap it in fences or prose despite being told not to) and validates it against
 * the phase's JSON Schema. Failures come back as one line the model can act on in a repair request.
 */

export type OutputParseResult = { ok: true; data: unknown } | { ok: false; error: string };

type Conversion = { ok: true; schema: z.ZodType } | { ok: false; error: string };

// Embedded candidates are tried largest first; past a handful the rest are fragments of prose.
const MAX_EMBEDDED_CANDIDATES = 20;
// Enough for the model to fix several things at once without drowning the repair request.
const MAX_REPORTED_ISSUES = 5;

const FENCE = /```[\w-]*[ \t]*\r?\n([\s\S]*?)```/g;

const conversions = new WeakMap<Record<string, unknown>, Conversion>();

export function parseStructuredOutput(text: string, schema: Record<string, unknown>): OutputParseResult {
  const conversion = convertSchema(schema);
  if (!conversion.ok) return conversion;

  let syntaxError: string | undefined;
  let mismatch: z.core.$ZodIssue[] | undefined;
  for (const candidate of candidates(text)) {
    const parsed = parseJson(candidate);
    if (!parsed.ok) {
      // Prose that merely is not JSON is not worth quoting back; a broken object or array is.
      if (/^[[{]/.test(candidate)) syntaxError ??= parsed.error;
      continue;
    }
    const validated = validate(conversion.schema, parsed.value);
    if (validated.ok) return validated;
    mismatch ??= validated.issues;
  }

  if (mismatch) return { ok: false, error: describeIssues(mismatch) };
  const found = "no JSON object or array found in the output";
  return { ok: false, error: syntaxError ? `${found} (a candidate is not valid JSON: ${syntaxError})` : found };
}

function convertSchema(schema: Record<string, unknown>): Conversion {
  let conversion = conversions.get(schema);
  if (!conversion) {
    try {
      const converted = z.fromJSONSchema(schema, {
        // zod resolves "#/definitions/…" only for draft-07 and "#/$defs/…" only for 2020-12, and
        // schemas written for other tools often use `definitions` without a `$schema` line.
        defaultTarget: "definitions" in schema && !("$defs" in schema) ? "draft-7" : "draft-2020-12",
        // Keeps the annotations of user-written schemas out of the app-wide registry.
        registry: z.registry(),
      });
      conversion = { ok: true, schema: converted };
    } catch (error) {
      conversion = { ok: false, error: `invalid output schema: ${messageOf(error)}` };
    }
    conversions.set(schema, conversion);
  }
  return conversion;
}

/** Texts that may hold the answer, most preferred first: the whole text, fences (last first), then embedded JSON (largest first). */
function candidates(text: string): Set<string> {
  const fenced = Array.from(text.matchAll(FENCE), (match) => match[1]!.trim()).reverse();
  const embedded = bracketSpans(text)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || b.start - a.start)
    .slice(0, MAX_EMBEDDED_CANDIDATES)
    .map((span) => text.slice(span.start, span.end));
  // A Set, because the same JSON is often found by more than one route.
  return new Set([text.trim(), ...fenced, ...embedded]);
}

interface Span {
  start: number;
  end: number;
}

/**
 * Every balanced `{…}` or `[…]` in one linear pass, nested ones included, plus the outermost
 * unclosed one so that truncated output still yields a syntax error to report. Brackets inside
 * JSON strings do not count; quotes outside any bracket are prose and do not start a string.
 */
function bracketSpans(text: string): Span[] {
  const spans: Span[] = [];
  const openers: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = openers.length > 0;
    } else if (char === "{" || char === "[") {
      openers.push(i);
    } else if (char === "}" || char === "]") {
      const start = openers.pop();
      if (start !== undefined && text[start] === (char === "}" ? "{" : "[")) spans.push({ start, end: i + 1 });
    }
  }
  if (openers[0] !== undefined) spans.push({ start: openers[0], end: text.length });
  return spans;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

function validate(schema: z.ZodType, value: unknown): { ok: true; data: unknown } | { ok: false; issues: z.core.$ZodIssue[] } {
  try {
    const result = schema.safeParse(value, {
      // JSON has no undefined, so an undefined input is always a missing property.
      error: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined),
    });
    return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues };
  } catch (error) {
    // A recursive schema can overflow the stack on deeply nested input.
    return { ok: false, issues: [{ code: "custom", path: [], message: messageOf(error), input: value }] };
  }
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  const described = issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message));
  const more = issues.length - MAX_REPORTED_ISSUES;
  if (more > 0) described.push(`and ${more} more issue${more === 1 ? "" : "s"}`);
  return described.join("; ");
}
