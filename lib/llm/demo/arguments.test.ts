import { describe, expect, it } from "vitest";
import { fillArguments } from "./arguments";

function object(properties: Record<string, object>, required = Object.keys(properties)) {
  return { type: "object", properties, required };
}

describe("fillArguments", () => {
  it("takes an enum value the question mentions, else the first", () => {
    const schema = object({ unit: { type: "string", enum: ["celsius", "fahrenheit"] } });
    expect(fillArguments(schema, "Weather in Fahrenheit").input).toEqual({ unit: "fahrenheit" });
    expect(fillArguments(schema, "Weather please").input).toEqual({ unit: "celsius" });
  });

  it("hands out numbers in order, within minimum and maximum", () => {
    const schema = object({ a: { type: "number" }, b: { type: "integer", maximum: 10 }, c: { type: "number", minimum: 5 } });
    expect(fillArguments(schema, "Add 3 and 42.7, then 1").input).toEqual({ a: 3, b: 10, c: 5 });
  });

  it("uses a property's default when the question has nothing for it", () => {
    const schema = object({ count: { type: "integer", default: 3 }, path: { type: "string", default: "/tmp" } });
    expect(fillArguments(schema, "How many?").input).toEqual({ count: 3, path: "/tmp" });
  });

  it("says false unless the question says yes or true", () => {
    const schema = object({ includeImage: { type: "boolean" } });
    expect(fillArguments(schema, "Send a message").input).toEqual({ includeImage: false });
    expect(fillArguments(schema, "Send a message, yes with an image").input).toEqual({ includeImage: true });
  });

  it("reads strings by what their name says they hold", () => {
    const schema = object({
      formula: { type: "string" },
      file_path: { type: "string" },
      countryName: { type: "string" },
      message: { type: "string" },
    });
    const question = "Is 2 * 21 in data/answers.csv for the United Kingdom?";
    expect(fillArguments(schema, question).input).toEqual({
      formula: "2 * 21",
      file_path: "data/answers.csv",
      countryName: "United Kingdom",
      message: question,
    });
  });

  it("falls back to the description when the name says nothing", () => {
    const schema = object({ target: { type: "string", description: "Directory to list" } });
    expect(fillArguments(schema, "What is in src/lib?").input).toEqual({ target: "src/lib" });
  });

  it("falls back to '.' for a path and to a code for a name", () => {
    const schema = object({ dir: { type: "string" }, code: { type: "string" } });
    expect(fillArguments(schema, "USA: list the files").input).toEqual({ dir: ".", code: "USA" });
  });

  it("fills optional properties only when the question supplies them", () => {
    const schema = object({ path: { type: "string" }, head: { type: "integer" }, tail: { type: "integer" } }, ["path"]);
    expect(fillArguments(schema, "Show notes.txt").input).toEqual({ path: "notes.txt" });
    expect(fillArguments(schema, "Show the first 5 lines of notes.txt").input).toEqual({ path: "notes.txt", head: 5 });
  });

  it("fills nested objects and arrays", () => {
    const schema = object({
      paths: { type: "array", items: { type: "string" } },
      options: object({ depth: { type: "integer", minimum: 1 } }),
    });
    expect(fillArguments(schema, "Read docs/a.md twice").input).toEqual({ paths: ["docs/a.md"], options: { depth: 1 } });
  });

  it("reports what the question supplied and how many required arguments it filled", () => {
    const schema = object({ country: { type: "string" }, message: { type: "string" } });
    expect(fillArguments(schema, "Tell me about Spain")).toMatchObject({ topics: ["Spain"], fit: 0.5 });
  });
});
