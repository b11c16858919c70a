import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinTools } from "@/lib/tools/builtin";
import { publicAgentConfig } from "./config";
import { loadAgents } from "./registry";

const known = {
  builtins: new Set(builtinTools.keys()),
  mcpServers: new Set(["everything", "filesystem"]),
  providers: new Set(["demo", "openai", "anthropic", "google", "ollama"]),
};

const valid = { name: "helper", description: "Helps.", model: "demo", tools: ["calculator"] };

const broken: Record<string, [unknown, string]> = {
  "not-json": ["{ nope", "invalid JSON"],
  "missing-description": [{ name: "missing-description", model: "demo" }, "description:"],
  "bad-model": [{ ...valid, name: "bad-model", model: "gpt-4" }, 'model: must be "demo" or "<provider>:<model>"'],
  "wrong-name": [{ ...valid, name: "something-else" }, 'must match the file name "wrong-name"'],
  "unknown-tool": [{ ...valid, name: "unknown-tool", tools: ["calculator", "teleport"] }, 'tools.1: unknown built-in tool "teleport"'],
  "unknown-server": [{ ...valid, name: "unknown-server", tools: ["mcp:nowhere/*"] }, 'tools.0: unknown MCP server "nowhere"'],
  "bad-ref": [{ ...valid, name: "bad-ref", tools: ["mcp:everything"] }, "tools.0: must be a built-in tool name"],
  "phase-tool": [
    { ...valid, name: "phase-tool", phases: [{ id: "a", description: "A", tools: ["current_time"] }] },
    'phases.0.tools.0: "current_time" is not among the agent\'s tools',
  ],
  "idempotent-tool": [
    { ...valid, name: "idempotent-tool", idempotent_tools: ["mcp:everything/echo"] },
    'idempotent_tools.0: "mcp:everything/echo" is not among the agent\'s tools',
  ],
  "dup-phase": [
    {
      ...valid,
      name: "dup-phase",
      phases: [
        { id: "a", description: "A" },
        { id: "a", description: "B" },
      ],
    },
    'phases.1.id: duplicate phase id "a"',
  ],
  "bad-output": [
    { ...valid, name: "bad-output", phases: [{ id: "a", description: "A", output: { name: "Report", schema: { properties: {} } } }] },
    "phases.0.output.schema: must be a JSON Schema with a type",
  ],
  "bad-param": [
    { ...valid, name: "bad-param", params: { lang: { type: "string", enum: ["en", "es"], default: "fr" } } },
    "params.lang.default: must be one of enum",
  ],
  "unsupported-schema": [
    {
      ...valid,
      name: "unsupported-schema",
      phases: [{ id: "a", description: "A", output: { name: "R", schema: { type: "object", if: {}, then: {} } } }],
    },
    "phases.0.output.schema: unsupported JSON Schema",
  ],
  "extra-field": [{ ...valid, name: "extra-field", temperature: 2 }, "temperature"],
  "bad-timeout": [{ ...valid, name: "bad-timeout", timeout_s: 0 }, "timeout_s:"],
  "unknown-provider": [{ ...valid, name: "unknown-provider", model: "mistral:large" }, 'model: unknown provider "mistral"'],
  "unknown-fallback": [
    { ...valid, name: "unknown-fallback", fallback_model: "mistral:small" },
    'fallback_model: unknown provider "mistral"',
  ],
  "bad-settings": [{ ...valid, name: "bad-settings", model_settings: { temperature: 5 } }, "model_settings.temperature:"],
  "bad-phase-settings": [
    { ...valid, name: "bad-phase-settings", phases: [{ id: "a", description: "A", model_settings: { top_k: 3 } }] },
    "phases.0.model_settings",
  ],
  "bad-structured-output": [{ ...valid, name: "bad-structured-output", structured_output: "json" }, "structured_output:"],
};

describe("agent registry", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "agents-"));
    await writeFile(path.join(dir, "helper.json"), JSON.stringify(valid));
    await writeFile(path.join(dir, "notes.txt"), "not an agent");
    for (const [name, [content]] of Object.entries(broken)) {
      await writeFile(path.join(dir, `${name}.json`), typeof content === "string" ? content : JSON.stringify(content));
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads the good file with defaults and reports each bad one by file and field", async () => {
    const { agents, errors } = await loadAgents(dir, known);
    expect([...agents.keys()]).toEqual(["helper"]);
    expect(agents.get("helper")).toMatchObject({ max_iterations: 20, timeout_s: 300, memory: { max_messages: 20, ttl_minutes: 1440 } });
    for (const [name, [, message]] of Object.entries(broken)) {
      const error = errors.find((e) => e.file === path.join(dir, `${name}.json`));
      expect(error?.message, name).toContain(message);
    }
    expect(errors).toHaveLength(Object.keys(broken).length);
  });

  it("reports a missing directory instead of throwing", async () => {
    const { agents, errors } = await loadAgents(path.join(dir, "absent"), known);
    expect(agents.size).toBe(0);
    expect(errors[0]?.message).toBe("agents directory not found");
  });

  it("loads the shipped agents without errors", async () => {
    const { agents, errors } = await loadAgents("agents", known);
    expect(errors).toEqual([]);
    expect([...agents.keys()]).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
  });

  it("shows clients no system prompts", async () => {
    const { agents } = await loadAgents("agents", known);
    const shown = JSON.stringify(publicAgentConfig(agents.get("country-analyst")!));
    expect(shown).not.toContain("careful country analyst");
    expect(shown).toContain("CountryReport");
  });
});
