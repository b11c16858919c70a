import { describe, expect, it } from "vitest";
import { mcpToolRef, parseToolRef, TOOL_REF_FORMAT } from "./refs";

describe("tool references", () => {
  it("parse built-ins, one MCP tool and a whole MCP server", () => {
    expect(parseToolRef("calculator")).toEqual({ ref: "calculator", tool: "calculator" });
    expect(parseToolRef("mcp:everything/echo")).toEqual({ ref: "mcp:everything/echo", server: "everything", tool: "echo" });
    expect(parseToolRef("mcp:files/*")).toMatchObject({ server: "files", tool: "*" });
    expect(parseToolRef(mcpToolRef("files", "read_file")).tool).toBe("read_file");
  });

  it("accept in agent files only what the parser reads", () => {
    for (const ok of ["calculator", "mcp:everything/echo", "mcp:files/*"]) expect(TOOL_REF_FORMAT.test(ok), ok).toBe(true);
    for (const bad of ["Calculator", "mcp:/echo", "mcp:everything", "mcp:Every/echo", "mcp:a/b/c"])
      expect(TOOL_REF_FORMAT.test(bad), bad).toBe(false);
  });
});
