import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import { builtinTools } from "@/lib/tools/builtin";
import { McpPool } from "@/lib/tools/mcp/pool";
import { countryReportSchema } from "@/test/support/country-report";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { agentConfigSchema } from "./config";
import type { SequencedEvent } from "./events";
import { createInMemoryMemory } from "./memory/in-memory";
import type { Memory } from "./memory/types";
import { createAgent } from "./orchestrator";

const report = { country: "Spain", capital: "Madrid", population: 48300000, currency: "EUR", summary: "Spain in short.", sources: ["get_country_info"] };

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

async function run(model: MockLanguageModelV4, options: { signal?: AbortSignal; config?: typeof analyst; memory?: Memory } = {}) {
  const memory = options.memory ?? createInMemoryMemory();
  const agent = createAgent(options.config ?? analyst, {
    memory,
    tools: { builtins: builtinTools, mcp },
    models: {},
    model: { model, id: "mock" },
  });
  const events: SequencedEvent[] = [];
  const outcome = await agent.run({
    runId: "run-1",
    sessionId: "session-1",
    userId: "user-1",
    query: "Tell me about Spain",
    signal: options.signal,
    emit: (event) => events.push(event),
  });
  return { outcome, events, memory, types: events.map((e) => e.type) };
}

describe("orchestrator", () => {
  it("runs two phases in order and reports every step as numbered events", async () => {
    const model = new MockLanguageModelV4({
      doStream: [
        step(
          [{ type: "reasoning-start", id: "r" }, { type: "reasoning-delta", id: "r", delta: "I should look Spain up." }, { type: "reasoning-end", id: "r" }],
          toolCall("get_country_info", { country: "Spain" }, "c1"),
          [finish("tool-calls")],
        ),
        step(text("Spain's capital is Madrid."), [finish("stop")]),
        step(text(JSON.stringify(report)), [finish("stop")]),
      ],
    });
    const { outcome, events, types, memory } = await run(model);

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
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[3]).toMatchObject({ type: "tool_start", call_id: "c1", tool: "get_country_info", arguments: { country: "Spain" }, phase_id: "research" });
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
    expect(answerPrompt).toContain("<output_schema name=\\\"CountryReport\\\">");
    expect(JSON.stringify(model.doStreamCalls[1]!.prompt)).toContain("Madrid");
    const [question, answer] = await memory.getMessages("session-1");
    expect([question?.role, answer?.role]).toEqual(["user", "assistant"]);
    // Stored as the browser showed it, so a reload renders the same transcript.
    expect(answer?.parts.map((part) => (part as { type: string }).type)).toEqual(
      expect.arrayContaining(["reasoning", "dynamic-tool", "text", "data-phase", "data-structured"]),
    );
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
      doGenerate: { content: [{ type: "text", text: '{"country": "Spain"}' }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] },
    });
    const { outcome, events, memory } = await run(model);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "OUTPUT_INVALID", raw: '{"country": "Spain"}' });
    expect(outcome.status).toBe("failed");
    const saved = (await memory.getMessages("session-1")).at(-1)!;
    expect(saved.parts).toContainEqual(expect.objectContaining({ type: "data-run-error", data: expect.objectContaining({ code: "OUTPUT_INVALID", raw: '{"country": "Spain"}' }) }));
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

  it("reports storage failing under a run as INTERNAL, without its details", async () => {
    const broken: Memory = {
      ...createInMemoryMemory(),
      async addMessage() {
        throw Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { name: "PrismaClientKnownRequestError" });
      },
    };
    const { events, outcome } = await run(new MockLanguageModelV4({ doStream: [step(text("never"), [finish("stop")])] }), { memory: broken });
    expect(events.at(-1)).toEqual({ type: "error", code: "INTERNAL", message: "The run could not be saved. Try again shortly.", seq: events.length });
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
    const { events, outcome, memory } = await run(stalling(), { signal: controller.signal });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "CANCELLED" });
    expect(outcome.status).toBe("cancelled");
    expect((await memory.getMessages("session-1")).at(-1)?.text).toBe("Thinking about");
  });

  it("stops with TIMEOUT after the agent's timeout_s", async () => {
    const started = Date.now();
    const { events, outcome } = await run(stalling(), { config: { ...analyst, timeout_s: 1 } });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "TIMEOUT" });
    expect(outcome.status).toBe("timed_out");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
