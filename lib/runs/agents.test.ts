import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentEvent } from "@/lib/agent/events";
import { env } from "@/lib/env";
import { loadAgentSet, type AgentSet } from "./agents";

// The shipped agents and mcp.json, wired as the app wires them, answering offline on the demo model.
let runtime: AgentSet;
beforeAll(async () => {
  runtime = await loadAgentSet(env);
});
afterAll(() => runtime.mcp.close());

async function ask(agentName: string, query: string, params?: Record<string, unknown>) {
  const agent = runtime.agents.get(agentName)!;
  const events: AgentEvent[] = [];
  const outcome = await agent.run({
    runId: `run-${agentName}`,
    sessionId: `session-${agentName}`,
    userId: "user",
    query,
    params,
    history: [],
    emit: (e) => events.push(e),
  });
  return { outcome, events, tools: events.flatMap((e) => (e.type === "tool_start" ? [e.tool] : [])) };
}

describe("the shipped agents on the demo model", () => {
  it("all load, with their MCP tools verified against the live servers", () => {
    expect(runtime.errors).toEqual([]);
    expect([...runtime.agents.keys()].sort()).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
  });

  it("assistant calculates with the calculator and says the demo model is answering", async () => {
    const { outcome, events, tools } = await ask("assistant", "What is (12 + 30) * 2?");
    expect(events[0]).toMatchObject({ type: "start", model: "demo", notice: expect.stringContaining("OPENAI_API_KEY") });
    expect(tools).toEqual(["calculator"]);
    expect(outcome).toMatchObject({ status: "succeeded", text: expect.stringContaining("84") });
  });

  it("assistant splits a compound question into the calls each part needs, with arguments that fit", async () => {
    const { outcome, events } = await ask("assistant", "What is (12+30)*2 and what time is it in Europe/Madrid?");
    const calls = events.flatMap((e) => (e.type === "tool_start" ? [[e.tool, e.arguments]] : []));
    expect(calls).toEqual([
      ["calculator", { expression: "(12+30)*2" }],
      ["current_time", { timezone: "Europe/Madrid" }],
    ]);
    expect(events.filter((e) => e.type === "tool_result").every((e) => e.success)).toBe(true);
    expect(outcome.text).toContain("84");
    expect(outcome.text).toContain("Europe/Madrid");

    const { events: plain } = await ask("assistant", "What is (12+30)*2 and what time is it?");
    expect(plain.flatMap((e) => (e.type === "tool_start" ? [[e.tool, e.arguments]] : []))).toEqual([
      ["calculator", { expression: "(12+30)*2" }],
      ["current_time", { timezone: "UTC" }],
    ]);
  });

  it("country-analyst takes the country param when the question names none, and never reports placeholders", async () => {
    const { outcome } = await ask("country-analyst", "Write the report", { country: "FR" });
    expect(outcome.outputs.CountryReport).toMatchObject({ country: "France", capital: "Paris" });
    const unknown = await ask("country-analyst", "Tell me about Atlantis");
    expect(unknown.outcome).toMatchObject({ status: "failed", error: { code: "OUTPUT_INVALID" } });
    expect(unknown.outcome.outputs).toEqual({});
  });

  it("country-analyst researches, then returns a valid CountryReport", async () => {
    const { outcome, events, tools } = await ask("country-analyst", "Tell me about Japan");
    expect(tools).toContain("get_country_info");
    expect(events.filter((e) => e.type === "phase_start").map((e) => e.phase_id)).toEqual(["research", "answer"]);
    const schema = runtime.agents.get("country-analyst")!.config.phases[1]!.output!.schema;
    const report = outcome.outputs.CountryReport;
    expect(z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ country: "Japan", capital: "Tokyo" });
    expect(outcome.status).toBe("succeeded");
  });

  it("mcp-explorer reads the sample files through the filesystem MCP server", async () => {
    const { outcome, events, tools } = await ask("mcp-explorer", "List the files in the sample directory");
    expect(tools.some((t) => t.startsWith("mcp:filesystem/"))).toBe(true);
    const results = events.filter((e) => e.type === "tool_result");
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((e) => e.success)).toBe(true);
    expect(outcome).toMatchObject({ status: "succeeded", text: expect.stringContaining("notes.md") });
  });
});
