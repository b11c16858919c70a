import { describe, expect, it } from "vitest";
import { readToolOutput } from "./tool-output";

describe("readToolOutput", () => {
  it("reads JSON sent as text as data, and keeps other text", () => {
    expect(readToolOutput({ type: "text", value: '{"result":84}' })).toEqual({ output: { result: 84 }, isError: false });
    expect(readToolOutput({ type: "text", value: "done" })).toEqual({ output: "done", isError: false });
  });

  it("drops the error class from an error message", () => {
    expect(readToolOutput({ type: "error-text", value: "TypeError: bad input" })).toEqual({ output: "bad input", isError: true });
  });

  it("treats a denied call as a failure", () => {
    expect(readToolOutput({ type: "execution-denied" })).toMatchObject({ isError: true });
  });

  it("unwraps an MCP tool result, honouring its isError", () => {
    const mcp = { content: [{ type: "text", text: '{"files":["a.md"]}' }], isError: false };
    expect(readToolOutput({ type: "json", value: mcp })).toEqual({ output: { files: ["a.md"] }, isError: false });
    const failed = { content: [{ type: "text", text: "Access denied" }], isError: true };
    expect(readToolOutput({ type: "json", value: failed })).toEqual({ output: "Access denied", isError: true });
  });

  it("prefers an MCP result's structured content", () => {
    const mcp = { content: [{ type: "text", text: "2 files" }], structuredContent: { count: 2 } };
    expect(readToolOutput({ type: "json", value: mcp })).toEqual({ output: { count: 2 }, isError: false });
  });

  it("leaves other JSON as it is", () => {
    expect(readToolOutput({ type: "json", value: { content: "plain" } })).toEqual({ output: { content: "plain" }, isError: false });
  });
});
