import { describe, expect, it } from "vitest";
import { evaluate } from "./arithmetic";
import { builtinTools } from "./index";

const options = { signal: new AbortController().signal, onProgress: () => {} };
const run = (name: string, input: Record<string, unknown>) => builtinTools.get(name)!.execute(input, options);

describe("arithmetic", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(12 + 30) * 2", 84],
    ["2 ^ 3 ^ 2", 512],
    ["2 ** 10", 1024],
    ["-3 + +5", 2],
    ["10 % 4", 2],
    ["sqrt(16) + abs(-2)", 6],
    ["round(2 * pi)", 6],
    ["1.5e3 / 3", 500],
    ["6 × 7 ÷ 2", 21],
  ])("%s = %d", (expression, expected) => {
    expect(evaluate(expression)).toBeCloseTo(expected, 10);
  });

  it.each([
    ["1 +", "Unexpected end"],
    ["(1 + 2", 'Expected ")"'],
    ["1 / 0", "Division by zero"],
    ["2 $ 3", 'Unexpected "$"'],
    ["exit(1)", 'Unknown name "exit"'],
    ["process.exit()", 'Unexpected "."'],
    ["1 2", 'Unexpected "2"'],
  ])("rejects %s", (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});

describe("built-in tools", () => {
  it("expose JSON Schemas of their inputs to the model", () => {
    expect(builtinTools.get("calculator")!.inputSchema).toMatchObject({
      type: "object",
      properties: { expression: { type: "string" } },
      required: ["expression"],
    });
  });

  it("calculator returns the expression and its result", async () => {
    expect(await run("calculator", { expression: "(12 + 30) * 2" })).toEqual({ expression: "(12 + 30) * 2", result: 84 });
  });

  it("validate their input", async () => {
    await expect(run("calculator", { expression: 42 })).rejects.toThrow("Invalid arguments");
  });

  it("get_country_info finds by name, alias and ISO codes, ignoring case and accents", async () => {
    for (const query of ["Spain", "es", "ESP", " spain "]) {
      expect(await run("get_country_info", { country: query })).toMatchObject({ name: "Spain", capital: "Madrid" });
    }
    expect(await run("get_country_info", { country: "UK" })).toMatchObject({ name: "United Kingdom" });
    expect(await run("get_country_info", { country: "turkiye" })).toMatchObject({ name: "Turkey" });
    await expect(run("get_country_info", { country: "Atlantis" })).rejects.toThrow('No country matches "Atlantis"');
  });

  it("current_time answers in the asked time zone and refuses unknown ones", async () => {
    const result = (await run("current_time", { timezone: "Asia/Tokyo" })) as { iso: string; timezone: string; local: string };
    expect(result.timezone).toBe("Asia/Tokyo");
    expect(Math.abs(Date.parse(result.iso) - Date.now())).toBeLessThan(5_000);
    expect(result.local).toMatch(/\d{4}/);
    await expect(run("current_time", { timezone: "Mars/Olympus" })).rejects.toThrow("Unknown time zone");
  });
});
