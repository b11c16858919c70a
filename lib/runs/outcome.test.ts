import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import shipped from "@/agents/country-analyst.json";
import { agentConfigSchema } from "@/lib/agent/config";
import { McpPool } from "@/lib/tools/mcp/pool";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { runScripted } from "@/test/support/run-agent";
import { outcomeReader } from "./outcome";

// The shipped agent, on a scripted model.
const analyst = agentConfigSchema.parse(shipped);
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
  const { outcome, events } = await runScripted(analyst, model, { mcp });
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
