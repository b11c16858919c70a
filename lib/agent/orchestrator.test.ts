import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it, vi } from "vitest";
import { McpPool } from "@/lib/tools/mcp/pool";
import { countryReportSchema } from "@/test/support/country-report";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { runScripted } from "@/test/support/run-agent";
import { agentConfigSchema } from "./config";
import type { AgentEvent } from "./events";

const report = {
  country: "Spain",
  capital: "Madrid",
  population: 48300000,
  currency: "EUR",
  summary: "Spain in short.",
  sources: ["get_country_info"],
};

const analyst = agentConfigSchema.parse({
  name: "country-analyst",
  description: "Researches a country and writes a report.",
  model: "demo",
  tools: ["get_country_info"],
  phases: [
    { id: "research", description: "Gathering facts", tools: ["get_country_info"], max_iterations: 3 },
    {
      id: "answer",
      description: "Writing the answer",
      tools: [],
      output: {
        name: "CountryReport",
        schema: countryReportSchema,
      },
    },
  ],
});

const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
afterAll(() => mcp.close());

type RunOptions = { signal?: AbortSignal; config?: typeof analyst; onEvent?: (event: AgentEvent) => void };

async function run(model: MockLanguageModelV4, { config = analyst, ...options }: RunOptions = {}) {
  const history = [
    { role: "user" as const, text: "Hello" },
    { role: "assistant" as const, text: "Hi! Ask me about a country." },
  ];
  const { outcome, events } = await runScripted(config, model, { mcp, history, ...options });
  return { outcome, events, types: events.map((e) => e.type) };
}

describe("orchestrator", () => {
  it("runs two phases in order and reports every step as numbered events", async () => {
    const model = new MockLanguageModelV4({
      doStream: [
        step(
          [
            { type: "reasoning-start", id: "r" },
            { type: "reasoning-delta", id: "r", delta: "I should look Spain up." },
            { type: "reasoning-end", id: "r" },
          ],
          toolCall("get_country_info", { country: "Spain" }, "c1"),
          [finish("tool-calls")],
        ),
        step(text("Spain's capital is Madrid."), [finish("stop")]),
        step(text(JSON.stringify(report)), [finish("stop")]),
      ],
    });
    const { outcome, events, types } = await run(model);

    expect(types).toEqual([
      "start",
      "phase_start",
      "thinking",
      "tool_start",
      "tool_result",
      ...Array(4).fill("text"),
      "phase_complete",
      "phase_start",
      "thinking",
      "structured_data",
      "phase_complete",
      "done",
    ]);
    expect(events[3]).toMatchObject({
      type: "tool_start",
      call_id: "c1",
      tool: "get_country_info",
      arguments: { country: "Spain" },
      phase_id: "research",
    });
    expect(events[4]).toMatchObject({ type: "tool_result", call_id: "c1", success: true, result: { capital: "Madrid" } });
    expect(events.find((e) => e.type === "structured_data")).toMatchObject({ schema: "CountryReport", data: report, phase_id: "answer" });
    expect(events.at(-1)).toMatchObject({
      type: "done",
      metadata: { model: "mock", session_id: "session-1", run_id: "run-1", usage: { input_tokens: 30, output_tokens: 15 } },
    });
    expect(outcome).toMatchObject({ status: "succeeded", text: "Spain's capital is Madrid.", outputs: { CountryReport: report } });

    // The second phase saw the first one's findings; the tool result went back to the model.
    const answerPrompt = JSON.stringify(model.doStreamCalls[2]!.prompt);
    expect(answerPrompt).toContain("Spain's capital is Madrid.");
    expect(answerPrompt).toContain('<output_schema name=\\"CountryReport\\">');
    expect(JSON.stringify(model.doStreamCalls[1]!.prompt)).toContain("Madrid");
    // The conversation so far comes before the question.
    expect(model.doStreamCalls[0]!.prompt.filter((m) => m.role !== "system").map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("says in done how long the model thought, counting thinking only", async () => {
    // The clock stands still except where the test moves it: a second after each thinking event and
    // ten seconds after each word of text, which must not count as thinking.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const onEvent = (event: AgentEvent) => {
        if (event.type === "thinking") vi.setSystemTime(Date.now() + 1_000);
        if (event.type === "text") vi.setSystemTime(Date.now() + 10_000);
      };
      const thoughtful = new MockLanguageModelV4({
        doStream: [
          step(
            [
              { type: "reasoning-start", id: "r" },
              { type: "reasoning-delta", id: "r", delta: "Hmm, " },
              { type: "reasoning-delta", id: "r", delta: "let me think." },
              { type: "reasoning-end", id: "r" },
            ],
            text("Done thinking."),
            [finish("stop")],
          ),
          step(text(JSON.stringify(report)), [finish("stop")]),
        ],
      });
      const { events } = await run(thoughtful, { onEvent });
      const thoughts = events.filter((e) => e.type === "thinking").length;
      expect(thoughts).toBeGreaterThan(1); // the model's reasoning, then "Preparing CountryReport…"
      expect(events.at(-1)).toMatchObject({
        type: "done",
        metadata: { thinking_ms: thoughts * 1_000, duration_ms: thoughts * 1_000 + 20_000 },
      });

      const quick = new MockLanguageModelV4({
        doStream: [step(text("Facts."), [finish("stop")]), step(text(JSON.stringify(report)), [finish("stop")])],
      });
      // Only the moment between "Preparing CountryReport…" and the object counts here.
      expect((await run(quick, { onEvent })).events.at(-1)).toMatchObject({
        type: "done",
        metadata: { thinking_ms: 1_000, duration_ms: 11_000 },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("repairs an invalid structured answer once", async () => {
    const model = new MockLanguageModelV4({
      doStream: [step(text("Facts gathered."), [finish("stop")]), step(text("Sorry, no JSON today."), [finish("stop")])],
      doGenerate: {
        content: [{ type: "text", text: `Here you go: ${JSON.stringify(report)}` }],
        finishReason: { unified: "stop", raw: "stop" },
        usage,
        warnings: [],
      },
    });
    const { outcome, events } = await run(model);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(JSON.stringify(model.doGenerateCalls[0]!.prompt)).toContain("not a valid CountryReport");
    expect(events.find((e) => e.type === "structured_data")).toMatchObject({ data: report });
    expect(outcome.status).toBe("succeeded");
  });

  it("ends with OUTPUT_INVALID, keeping the raw text, when the repair fails too", async () => {
    const model = new MockLanguageModelV4({
      doStream: [step(text("Facts gathered."), [finish("stop")]), step(text("not json"), [finish("stop")])],
      doGenerate: {
        content: [{ type: "text", text: '{"country": "Spain"}' }],
        finishReason: { unified: "stop", raw: "stop" },
        usage,
        warnings: [],
      },
    });
    const { outcome, events } = await run(model);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "OUTPUT_INVALID", raw: '{"country": "Spain"}' });
    expect(outcome.status).toBe("failed");
  });

  it("reports a failing tool and lets the model carry on", async () => {
    const model = new MockLanguageModelV4({
      doStream: [
        step(toolCall("get_country_info", { country: "Atlantis" }, "c1"), [finish("tool-calls")]),
        step(text("I could not find Atlantis."), [finish("stop")]),
        step(text(JSON.stringify(report)), [finish("stop")]),
      ],
    });
    const { events, outcome } = await run(model);
    expect(events.find((e) => e.type === "tool_result")).toMatchObject({ success: false, error: expect.stringContaining("Atlantis") });
    expect(JSON.stringify(model.doStreamCalls[1]!.prompt)).toContain("No country matches");
    expect(outcome.status).toBe("succeeded");
  });

  it("turns a model failure into an LLM_ERROR event", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error("model exploded");
      },
    });
    const { events, outcome } = await run(model);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "LLM_ERROR", message: expect.stringContaining("model exploded") });
    expect(outcome.status).toBe("failed");
  });

  it("reports tools that cannot be loaded (an MCP server that is not there) as TOOL_ERROR, not a model failure", async () => {
    const config = agentConfigSchema.parse({ ...analyst, tools: ["mcp:missing/echo"], phases: undefined });
    const model = new MockLanguageModelV4({ doStream: async () => step(text("unused"), [finish("stop")]) });
    const { events, outcome } = await run(model, { config });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "TOOL_ERROR", message: expect.stringContaining("could not be loaded") });
    expect(model.doStreamCalls).toHaveLength(0);
    expect(outcome.status).toBe("failed");
  });

  /** A model that starts answering and then waits until the call is aborted. */
  const stalling = () =>
    new MockLanguageModelV4({
      doStream: async ({ abortSignal }) => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: "Thinking about " });
            abortSignal?.addEventListener("abort", () => controller.error(abortSignal.reason));
          },
        }),
      }),
    });

  it("stops with CANCELLED when the caller aborts, keeping what was said", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { events, outcome } = await run(stalling(), { signal: controller.signal });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "CANCELLED" });
    expect(outcome).toMatchObject({ status: "cancelled", text: "Thinking about" });
  });

  it("stops with TIMEOUT after the agent's timeout_s", async () => {
    const started = Date.now();
    const { events, outcome } = await run(stalling(), { config: { ...analyst, timeout_s: 1 } });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "TIMEOUT" });
    expect(outcome.status).toBe("timed_out");
    // The agent's 1 s, not the 300 s default: 10 s leaves a loaded machine ample room.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
