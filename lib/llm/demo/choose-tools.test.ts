import type { LanguageModelV4FunctionTool } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { chooseTools } from "./choose-tools";

function tool(name: string, description: string, properties: Record<string, object> = {}): LanguageModelV4FunctionTool {
  return { type: "function", name, description, inputSchema: { type: "object", properties, required: Object.keys(properties) } };
}

const tools = [
  tool("read_file", "Read the contents of a file.", { path: { type: "string" } }),
  tool("list_directory", "List the files and folders in a directory.", { path: { type: "string" } }),
  tool("get_country_info", "Get facts about a country.", { country: { type: "string" } }),
  tool("echo", "Repeat a message back.", { message: { type: "string" } }),
  tool("get_time", "The current time."),
];

const names = (picks: ReturnType<typeof chooseTools>) => picks.map((pick) => pick.tool.name);

describe("chooseTools", () => {
  it("prefers the tool whose name matches the question", () => {
    expect(names(chooseTools("list the files in docs/", tools))).toEqual(["list_directory"]);
  });

  it("picks a tool whose required argument the question fills, even without shared words", () => {
    expect(names(chooseTools("Tell me about Spain", tools))).toEqual(["get_country_info"]);
  });

  it("calls every tool that ties for the best score, at most three", () => {
    const clocks = ["a", "b", "c", "d"].map((zone) => tool(`time_${zone}`, "The current time."));
    expect(names(chooseTools("What time is it?", clocks))).toEqual(["time_a", "time_b", "time_c"]);
  });

  it("calls a tool once for each name the question gives it", () => {
    const picks = chooseTools("Compare Spain, France and Italy with Japan", tools);
    expect(picks.map((pick) => pick.input)).toEqual([{ country: "Spain" }, { country: "France" }, { country: "Italy" }]);
  });

  it("does not fill a name argument from a description that only mentions names", () => {
    const clock = tool("current_time", "The current time.", { timezone: { type: "string", description: "IANA time zone name" } });
    expect(names(chooseTools("Tell me about Spain", [clock, ...tools]))).toEqual(["get_country_info"]);
  });

  it("chooses nothing when no tool fits", () => {
    expect(chooseTools("Good morning!", tools)).toEqual([]);
  });

  it("follows the tool choice", () => {
    expect(chooseTools("list the files in docs/", tools, { type: "none" })).toEqual([]);
    expect(names(chooseTools("Good morning!", tools, { type: "required" }))).toEqual(["read_file"]);
    expect(names(chooseTools("Good morning!", tools, { type: "tool", toolName: "echo" }))).toEqual(["echo"]);
  });
});
