import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import { agentConfigSchema } from "@/lib/agent/config";
import type { AgentEvent } from "@/lib/agent/events";
import { createAgent } from "@/lib/agent/orchestrator";
import { builtinTools } from "@/lib/tools/builtin";
import { McpPool } from "@/lib/tools/mcp/pool";
import { countryReportSchema } from "@/test/support/country-report";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { outcomeReader } from "./outcome";

const analyst = agentConfigSchema.parse({
  name: "country-analyst",
  description: "Researches a country and writes a report.",
  model: "demo",
  tools: ["get_country_info"],
  phases: [
    { id: "research", description: "Gathering facts", tools: ["get_country_info"], max_iterations: 3 },
    { id: "answer", description: "Writing the answer", tools: [], output: { name: "CountryReport", schema: countryReportSchema } },
  ],
});
const report = {
  country: "Spain",
  capital: "Madrid",
  population: 48300000,
  currency: "EUR",
  summary: "In short.",
  sources: ["get_country_info"],
};

const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
afterAll(() => mcp.close());

/** The agent's own outcome beside the one read back from the events it emitted. */
async function both(model: MockLanguageModelV4) {
  const agent = createAgent(analyst, {
    tools: { builtins: builtinTools, mcp },
    models: {},
    model: { model, id: "mock", structuredOutput: "prompt" },
  });
  const events: AgentEvent[] = [];
  const outcome = await agent.run({
    runId: "r",
    sessionId: "s",
    userId: "u",
    query: "Tell me about Spain",
    history: [],
    emit: (e) => events.push(e),
  });
  const reader = outcomeReader();
  for (const event of events) {
    expect(reader.outcome).toBeUndefined();
    reader.read(event);
  }
  return { outcome, read: reader.outcome };
}

describe("a run's outcome read from its events", () => {
  it("is the agent's own outcome: text, structured outputs, model, usage, duration and why the last call stopped", async () => {
    const length: LanguageModelV4StreamPart = { type: "finish", usage, finishReason: { unified: "length", raw: "max_tokens" } };
    const { outcome, read } = await both(
      new MockLanguageModelV4({
        doStream: [
          step(toolCall("get_country_info", { country: "Spain" }, "c1"), [finish("tool-calls")]),
          step(text("Spain's capital is Madrid."), [finish("stop")]),
          step(text(JSON.stringify(report)), [length]),
        ],
      }),
    );
    expect(outcome).toMatchObject({ status: "succeeded", finishReason: "length", outputs: { CountryReport: report } });
    expect(read).toEqual({ ...outcome, error: undefined });
  });

  it("says how a failed run ended, with what it had said; usage and duration are not in its log", async () => {
    const { outcome, read } = await both(
      new MockLanguageModelV4({
        doStream: [
          step(text("Looking it up. "), toolCall("get_country_info", { country: "Spain" }, "c1"), [finish("tool-calls")]),
          { stream: new ReadableStream({ start: (c) => c.error(Object.assign(new Error("upstream 400"), { statusCode: 400 })) }) },
        ],
      }),
    );
    expect(outcome.status).toBe("failed");
    expect(read).toMatchObject({
      status: outcome.status,
      model: outcome.model,
      text: outcome.text,
      outputs: outcome.outputs,
      error: outcome.error,
    });
    expect(read?.text).toBe("Looking it up.");
  });
});
