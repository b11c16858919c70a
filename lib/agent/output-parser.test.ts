import { describe, expect, it } from "vitest";
import { countryReportSchema as countryReport } from "@/test/support/country-report";
import { parseStructuredOutput, type OutputParseResult } from "./output-parser";

const france = {
  country: "France",
  capital: "Paris",
  population: 68_000_000,
  currency: "EUR",
  summary: "A republic in Western Europe.",
  sources: ["https://en.wikipedia.org/wiki/France"],
};
const franceJson = JSON.stringify(france, null, 2);

function errorOf(result: OutputParseResult): string {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return result.error;
}

describe("parseStructuredOutput: finding the JSON", () => {
  it("accepts clean JSON", () => {
    expect(parseStructuredOutput(franceJson, countryReport)).toEqual({ ok: true, data: france });
  });

  it("accepts JSON with surrounding whitespace", () => {
    expect(parseStructuredOutput(`\n\n  ${franceJson}  \n`, countryReport)).toEqual({ ok: true, data: france });
  });

  it("accepts a ```json fenced block inside prose", () => {
    const text = `Here is the report:\n\n\`\`\`json\n${franceJson}\n\`\`\`\n\nLet me know if you need more.`;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
  });

  it("accepts an unlabelled fence", () => {
    expect(parseStructuredOutput(`\`\`\`\n${franceJson}\n\`\`\``, countryReport)).toEqual({ ok: true, data: france });
  });

  it("prefers the last fenced block when several validate", () => {
    const draft = JSON.stringify({ ...france, summary: "A draft, and a longer one than the final answer." });
    const text = `Draft:\n\`\`\`json\n${draft}\n\`\`\`\nFinal:\n\`\`\`json\n${franceJson}\n\`\`\``;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
  });

  it("accepts JSON embedded in prose", () => {
    const text = `Here is the report: ${JSON.stringify(france)} Hope this helps!`;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
  });

  it("is not fooled by braces, brackets and escaped quotes inside strings", () => {
    const tricky = { ...france, summary: 'Uses {curly} and [square] brackets, a lone } and a \\"quote" too.' };
    const text = `Report (see {notes} below): ${JSON.stringify(tricky)} — end.`;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: tricky });
  });

  it("picks the object that validates when the larger one does not", () => {
    const wrong = JSON.stringify({ ...france, population: "about 68 million", notes: "a longer first attempt" });
    const text = `First try: ${wrong}\nCorrected: ${JSON.stringify(france)}`;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
  });

  it("finds an object nested in an unclosed bracket of prose", () => {
    const text = `[Note: the figures are estimates. ${JSON.stringify(france)}`;
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
  });

  it("accepts an array when the schema asks for one", () => {
    const cities = { type: "array", items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } };
    const text = 'The cities are [{"name": "Paris"}, {"name": "Lyon"}].';
    expect(parseStructuredOutput(text, cities)).toEqual({ ok: true, data: [{ name: "Paris" }, { name: "Lyon" }] });
  });

  it("returns zod's parsed output, defaults applied", () => {
    const schema = { type: "object", properties: { unit: { type: "string", default: "km" } } };
    expect(parseStructuredOutput("{}", schema)).toEqual({ ok: true, data: { unit: "km" } });
  });

  it("resolves #/definitions references in schemas without a $schema line", () => {
    const schema = { definitions: { name: { type: "string" } }, type: "object", properties: { name: { $ref: "#/definitions/name" } } };
    expect(errorOf(parseStructuredOutput('{"name": 1}', schema))).toBe("name: Invalid input: expected string, received number");
  });
});

describe("parseStructuredOutput: reporting what is wrong", () => {
  it("names a trailing comma as a JSON syntax error", () => {
    const error = errorOf(parseStructuredOutput('Here you go: {"country": "France",}', countryReport));
    expect(error).toMatch(/^no JSON object or array found/);
    expect(error).toMatch(/not valid JSON: .*property name/);
  });

  it("names truncated output as a JSON syntax error", () => {
    const error = errorOf(parseStructuredOutput(`Here it is:\n${franceJson.slice(0, 60)}`, countryReport));
    expect(error).toMatch(/^no JSON object or array found/);
    expect(error).toContain("not valid JSON");
  });

  it("does not quote prose back as a syntax error", () => {
    expect(errorOf(parseStructuredOutput("I could not find that country.", countryReport))).toBe(
      "no JSON object or array found in the output",
    );
  });

  it("lists wrong types, missing required properties and unknown keys with their paths", () => {
    const { sources: _sources, ...withoutSources } = france;
    const text = JSON.stringify({ ...withoutSources, population: "68M", extra: true });
    expect(errorOf(parseStructuredOutput(text, countryReport))).toBe(
      'population: Invalid input: expected number, received string; sources: required; Unrecognized key: "extra"',
    );
  });

  it("reports an enum violation and nested paths such as cities.0.name", () => {
    const schema = {
      type: "object",
      properties: {
        continent: { enum: ["Europe", "Asia"] },
        cities: { type: "array", items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
      },
      required: ["continent", "cities"],
    };
    const error = errorOf(parseStructuredOutput('{"continent": "Atlantis", "cities": [{"name": 7}]}', schema));
    expect(error).toBe(
      'continent: Invalid option: expected one of "Europe"|"Asia"; cities.0.name: Invalid input: expected string, received number',
    );
  });

  it("reports a minimum violation on an integer", () => {
    const error = errorOf(parseStructuredOutput(JSON.stringify({ ...france, population: -3 }), countryReport));
    expect(error).toMatch(/^population: Too small: expected number to be >=0$/);
  });

  it("reports the largest candidate when none validates, capped at five issues", () => {
    const small = '{"capital": "Paris"}';
    const large = JSON.stringify({ country: 1, capital: 2, population: "x", currency: 3, summary: 4, sources: "none" });
    const error = errorOf(parseStructuredOutput(`A: ${small}\nB: ${large}`, countryReport));
    expect(error.split("; ")).toHaveLength(6);
    expect(error).toMatch(/^country: Invalid input: expected string, received number; capital: .*; and 1 more issue$/);
  });

  it("reports a top-level type mismatch without a path", () => {
    expect(errorOf(parseStructuredOutput("[1, 2]", countryReport))).toBe("Invalid input: expected object, received array");
  });

  it("rejects a schema zod cannot convert", () => {
    expect(errorOf(parseStructuredOutput(franceJson, { type: "strng" }))).toBe("invalid output schema: Unsupported type: strng");
    expect(errorOf(parseStructuredOutput(franceJson, { type: "object", if: {}, then: {} }))).toMatch(/^invalid output schema: /);
    expect(errorOf(parseStructuredOutput(franceJson, { $ref: "#/$defs/missing" }))).toMatch(/^invalid output schema: /);
  });
});

describe("parseStructuredOutput: robustness", () => {
  it("stays fast on 100 KB of prose around one object, brackets and stray quotes included", () => {
    const prose = 'Lorem [ipsum] dolor {sit} amet, "consectetur" adipiscing [elit] sed do. ';
    const filler = prose.repeat(Math.ceil(50_000 / prose.length));
    const text = `${filler}${JSON.stringify(france)}${filler}`;
    expect(text.length).toBeGreaterThan(100_000);
    const started = performance.now();
    expect(parseStructuredOutput(text, countryReport)).toEqual({ ok: true, data: france });
    // A guard against quadratic scanning (minutes at this size), not a speed goal: a loaded CI
    // machine takes well under a second; the bound leaves room for one.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("stays fast on 100 KB of nested or unclosed brackets", () => {
    const started = performance.now();
    expect(parseStructuredOutput(`${"[".repeat(50_000)}${"]".repeat(50_000)}`, countryReport).ok).toBe(false);
    expect(parseStructuredOutput("{[".repeat(50_000), countryReport).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("never throws, even when a recursive schema meets very deep input", () => {
    const tree = {
      $defs: { node: { type: "object", properties: { kids: { type: "array", items: { $ref: "#/$defs/node" } } } } },
      $ref: "#/$defs/node",
    };
    let deep = "{}";
    for (let depth = 0; depth < 20_000; depth++) deep = `{"kids":[${deep}]}`;
    expect(parseStructuredOutput(deep, tree).ok).toBe(false);
    for (const text of ["", "   ", "}{", "][", '"', "```", "```json\n", "\\", "null", '{"a":"\\'])
      expect(() => parseStructuredOutput(text, countryReport)).not.toThrow();
  });
});
