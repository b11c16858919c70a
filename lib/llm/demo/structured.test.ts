import { generateText, Output, jsonSchema, stepCountIs, streamText, type JSONSchema7, type ToolSet } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderOutputInstructions, renderParams } from "../prompt-blocks";
import { createDemoModel } from "./model";
import { fillOutput } from "./structured";
import { tools } from "@/test/support/demo-tools";

type JSONSchema = z.core.JSONSchema.JSONSchema;

const countryReport: JSONSchema = {
  type: "object",
  properties: {
    country: { type: "string", minLength: 1 },
    capital: { type: "string" },
    population: { type: "number", minimum: 0 },
    currency: { type: "string" },
    summary: { type: "string", minLength: 10 },
    sources: { type: "array", items: { type: "string" }, minItems: 1 },
  },
  required: ["country", "capital", "population", "currency", "summary", "sources"],
  additionalProperties: false,
};

function report(question: string, schema: JSONSchema, toolSet: ToolSet = tools) {
  return streamText({
    model: createDemoModel({ tokenDelayMs: 0 }),
    system: `You write country reports.\n\n${renderOutputInstructions("CountryReport", schema)}`,
    messages: [{ role: "user", content: question }],
    tools: toolSet,
    stopWhen: stepCountIs(5),
  });
}

describe("structured output from an output-schema block", () => {
  it("fills the schema from the tool results", async () => {
    const result = report("Tell me about Spain", countryReport);
    const data: unknown = JSON.parse(await result.text);

    expect(z.fromJSONSchema(countryReport).safeParse(data).success).toBe(true);
    expect(data).toEqual({
      country: "Spain",
      capital: "Madrid",
      population: 47_400_000,
      currency: "Euro",
      summary: "get_country_info found name Spain, capital Madrid, population 47400000, currency Euro.",
      sources: ["get_country_info"],
    });
    const steps = await result.steps;
    expect(steps[1]!.reasoningText).toBe("Writing the CountryReport from the tool results.");
  });

  it("writes no object of placeholders when every tool failed: it says why, in prose", async () => {
    const text = await report("Tell me about Atlantis", countryReport).text;
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/^I could not write the CountryReport: .*get_country_info: .*Unknown country/);
  });

  it("takes an argument the question leaves open from the conversation's params", async () => {
    const result = streamText({
      model: createDemoModel({ tokenDelayMs: 0 }),
      system: `You write country reports.\n\n${renderParams({ country: "Spain" })}\n\n${renderOutputInstructions("CountryReport", countryReport)}`,
      messages: [{ role: "user", content: "Write the report" }],
      tools,
      stopWhen: stepCountIs(5),
    });
    expect(JSON.parse(await result.text)).toMatchObject({ country: "Spain", capital: "Madrid" });
  });

  it("fills what results lack to satisfy enums, bounds, formats and nested objects and arrays", async () => {
    const schema: JSONSchema = {
      type: "object",
      properties: {
        status: { type: "string", enum: ["draft", "final"] },
        score: { type: "integer", minimum: 1, maximum: 5 },
        ratio: { type: "number", exclusiveMinimum: 0 },
        code: { type: "string", minLength: 3, maxLength: 3 },
        checked: { type: "boolean" },
        updated: { type: "string", format: "date" },
        owner: {
          type: "object",
          properties: { email: { type: "string", format: "email" }, teams: { type: "array", items: { type: "string" } } },
          required: ["email", "teams"],
        },
        items: {
          type: "array",
          minItems: 2,
          items: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] },
        },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
      },
      required: ["status", "score", "ratio", "code", "checked", "updated", "owner", "items", "note"],
    };
    // What no result supplies is filled to fit the schema.
    const data = fillOutput(schema, [{ toolName: "lookup", input: {}, output: { note: "n/a" }, isError: false }]);
    expect(z.fromJSONSchema(schema).safeParse(data).success).toBe(true);
  });

  it("writes no object when no tool found anything", async () => {
    const text = await report("Hello", countryReport, {}).text;
    expect(text).toBe("I could not write the CountryReport: no tool result holds the facts it needs, and the demo model invents none.");
  });

  it("answers Output.object calls with JSON too", async () => {
    const result = await generateText({
      model: createDemoModel(),
      tools,
      prompt: "Tell me about Spain",
      output: Output.object({ schema: jsonSchema<{ country: string; capital: string }>(countryReport as JSONSchema7) }),
      stopWhen: stepCountIs(5),
    });
    expect(result.output).toMatchObject({ country: "Spain", capital: "Madrid" });
  });
});
