import { describe, expect, it } from "vitest";
import { folderCycles, folderOf, type Module } from "./folder-cycles";

/** Modules as depcruise's JSON gives them, from file → the files it imports. */
const graph = (files: Record<string, string[]>): Module[] =>
  Object.entries(files).map(([source, imports]) => ({ source, dependencies: imports.map((resolved) => ({ resolved })) }));

describe("folderOf", () => {
  it("counts a file as its folder of lib/, a file directly in lib/ as its own, anything else as none", () => {
    expect(folderOf("lib/tools/mcp/pool.ts")).toBe("lib/tools");
    expect(folderOf("lib/http/route.ts")).toBe("lib/http");
    expect(folderOf("lib/health.ts")).toBe("lib/health");
    expect(folderOf("app/api/health/route.ts")).toBeUndefined();
    expect(folderOf("node_modules/zod/index.js")).toBeUndefined();
  });
});

describe("folderCycles", () => {
  it("finds two folders that import each other though no file is in a loop", () => {
    const modules = graph({
      "lib/http/run-request.ts": ["lib/auth/caller.ts"],
      "lib/auth/credentials.ts": ["lib/http/rate-limit.ts"],
      "lib/auth/caller.ts": [],
      "lib/http/rate-limit.ts": [],
    });
    expect(folderCycles(modules)).toEqual([["lib/auth", "lib/http", "lib/auth"]]);
  });

  it("finds a loop that enters a folder in one subfolder and leaves it from another, through a file of lib/", () => {
    const modules = graph({
      "lib/agent/loop.ts": ["lib/tools/mcp/pool.ts"],
      "lib/tools/builtin/define.ts": ["lib/errors.ts"],
      "lib/errors.ts": ["lib/agent/events.ts"],
    });
    expect(folderCycles(modules)).toEqual([["lib/agent", "lib/tools", "lib/errors", "lib/agent"]]);
  });

  it("gives each loop once, and none for folders that import each other one way or outside lib/", () => {
    const modules = graph({
      "lib/openapi/document.ts": ["lib/openai/schemas.ts", "lib/runs/request.ts", "node_modules/zod/index.js"],
      "lib/openai/completions.ts": ["lib/runs/service.ts", "lib/http/body.ts"],
      "lib/runs/service.ts": ["lib/runs/request.ts", "lib/db/pool.ts"],
      "lib/http/body.ts": ["lib/errors.ts"],
      "app/api/openapi.json/route.ts": ["lib/openapi/document.ts"],
    });
    expect(folderCycles(modules)).toEqual([]);
    const looped = graph({ "lib/a/x.ts": ["lib/b/y.ts"], "lib/b/y.ts": ["lib/c/z.ts"], "lib/c/z.ts": ["lib/a/x.ts"] });
    expect(folderCycles(looped)).toEqual([["lib/a", "lib/b", "lib/c", "lib/a"]]);
  });
});
