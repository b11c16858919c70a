import { jsonSchema, tool } from "ai";
import { z } from "zod";

/** Tools for the demo model's tests: small, with data to answer from. */

const COUNTRIES: Record<string, { name: string; capital: string; population: number; currency: string }> = {
  Spain: { name: "Spain", capital: "Madrid", population: 47_400_000, currency: "Euro" },
};

const RESULTS: Record<string, number> = { "(12 + 30) * 2": 84 };

export const calculator = tool({
  description: "Evaluate an arithmetic expression and return the result.",
  inputSchema: jsonSchema<{ expression: string }>({
    type: "object",
    properties: { expression: { type: "string", description: "The expression, e.g. 2 * (3 + 4)" } },
    required: ["expression"],
    additionalProperties: false,
  }),
  execute: async ({ expression }) => ({ expression, result: RESULTS[expression] ?? Number.NaN }),
});

// A zod schema, as the project's built-in tools use: the SDK turns it into JSON Schema for the model.
export const getCountryInfo = tool({
  description: "Get facts about a country: capital, population and currency.",
  inputSchema: z.object({ country: z.string().describe("The country's English name") }),
  execute: async ({ country }) => {
    const info = COUNTRIES[country];
    if (!info) throw new Error(`Unknown country: ${country}`);
    return info;
  },
});

export const listDirectory = tool({
  description: "List the files and folders in a directory.",
  inputSchema: jsonSchema<{ path: string }>({
    type: "object",
    properties: { path: { type: "string" } },
    required: ["path"],
    additionalProperties: false,
  }),
  execute: async ({ path }) => ({ path, entries: ["README.md", "setup.md"] }),
});

export const tools = { calculator, get_country_info: getCountryInfo, list_directory: listDirectory };
