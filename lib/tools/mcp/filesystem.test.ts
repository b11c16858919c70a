import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childPids, POOL_OPTIONS, projectServers } from "@/test/support/mcp";
import { McpPool } from "./pool";

describe("the filesystem server from mcp.json", () => {
  let pool: McpPool;

  beforeAll(async () => {
    const { filesystem } = await projectServers();
    pool = new McpPool({ filesystem: filesystem! }, POOL_OPTIONS);
  });

  afterAll(async () => {
    await pool.close();
    expect(await childPids()).toEqual([]);
  });

  it("lists samples/files", async () => {
    const result = await pool.callTool("filesystem", "list_directory", { path: path.resolve("samples/files") });
    expect(result.isError).toBe(false);
    const listing = (result.structuredContent as { content: string }).content.split("\n").sort();
    expect(listing).toEqual(["[FILE] README.md", "[FILE] data.csv", "[FILE] notes.md", "[FILE] todo.txt"]);
  });

  it("reads a file, by absolute path or relative to samples/files", async () => {
    const csv = await readFile("samples/files/data.csv", "utf8");
    for (const file of [path.resolve("samples/files/data.csv"), "data.csv"]) {
      const result = await pool.callTool("filesystem", "read_text_file", { path: file });
      expect(result.content).toEqual([{ type: "text", text: csv }]);
    }
  });

  it("refuses paths outside samples/files", async () => {
    const result = await pool.callTool("filesystem", "read_text_file", { path: path.resolve("package.json") });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("Access denied");
  });
});
