import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveModel, type ModelSettings } from "@/lib/llm/providers";
import { builtinTools } from "@/lib/tools/builtin";
import { McpPool } from "@/lib/tools/mcp/pool";
import { startOpenAIStub, type OpenAIStub } from "@/test/support/openai-stub";
import { agentConfigSchema } from "./config";
import type { AgentEvent } from "./events";
import type { CallSettings } from "./model-loop";
import { createAgent } from "./orchestrator";

// A whole agent run through the real @ai-sdk/openai provider, against a scripted server.
const assistant = agentConfigSchema.parse({
  name: "assistant",
  description: "Calculates.",
  model: "openai:gpt-test",
  system_prompt: "Use the calculator.",
  tools: ["calculator"],
  timeout_s: 2,
});

let stub: OpenAIStub;
const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(async () => {
  await stub.close();
  await mcp.close();
});
beforeEach(() => stub.reset());

async function run(
  query: string,
  config = assistant,
  { settings, models: given }: { settings?: CallSettings; models?: ModelSettings } = {},
) {
  const models = { openaiApiKey: "sk-test", openaiBaseUrl: stub.baseURL, ...given };
  const agent = createAgent(config, { tools: { builtins: builtinTools, mcp }, models, model: resolveModel(assistant.model, models) });
  const events: AgentEvent[] = [];
  const outcome = await agent.run({
    runId: "r1",
    sessionId: "s1",
    userId: "u1",
    query,
    history: [],
    settings,
    emit: (e) => events.push(e),
  });
  return { outcome, events, types: events.map((e) => e.type) };
}

describe("an agent on an OpenAI-compatible server", () => {
  it("thinks, calls a tool, and answers from its result", async () => {
    stub.enqueue(
      { text: "<think>Arithmetic: use the calculator.</think>", toolCalls: [{ name: "calculator", arguments: { expression: "6 * 7" } }] },
      { text: "6 × 7 is 42.", usage: { prompt_tokens: 20, completion_tokens: 6 } },
    );
    const { outcome, events, types } = await run("What is 6 times 7?");
    expect(types[0]).toBe("start");
    expect(events[0]).toMatchObject({ model: "openai:gpt-test" });
    expect(types).toContain("thinking");
    expect(events.find((e) => e.type === "tool_result")).toMatchObject({ tool: "calculator", success: true, result: { result: 42 } });
    expect(types.at(-1)).toBe("done");
    expect(outcome).toMatchObject({ status: "succeeded", text: "6 × 7 is 42." });
    expect(JSON.stringify(stub.requests[1]?.body)).toContain('\\"result\\":42');
  });

  // Failed calls are retried once after the SDK's back-off (~2 s), so these runs get more time.
  const patient = { ...assistant, timeout_s: 15 };

  it("retries a failing server once, then ends with LLM_ERROR", async () => {
    stub.enqueue({ status: 500, error: "upstream exploded" }, { status: 500, error: "upstream exploded" });
    const { events, outcome } = await run("Hi", patient);
    expect(stub.requests).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "LLM_ERROR", message: expect.stringContaining("upstream exploded") });
    expect(outcome.status).toBe("failed");
  });

  it("ends with LLM_ERROR naming what came back when the server answers 200 with an HTML page", async () => {
    stub.enqueue({ status: 200, contentType: "text/html; charset=utf-8", page: "<!doctype html><title>Sign in to the proxy</title>" });
    const { events, outcome } = await run("Hi");
    expect(stub.requests).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: "error",
      code: "LLM_ERROR",
      message: expect.stringContaining("HTTP 200, text/html; charset=utf-8"),
    });
    expect(outcome.status).toBe("failed");
  });

  it("ends with RATE_LIMITED on a 429", async () => {
    stub.enqueue({ status: 429, error: "slow down" }, { status: 429, error: "slow down" });
    const { events } = await run("Hi", patient);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "RATE_LIMITED" });
  });

  it("ends a stalled stream with TIMEOUT after the agent's timeout_s", async () => {
    // Left alone, the stream would go on after 30 s: ending with TIMEOUT at all means the agent's 2 s ended it.
    stub.enqueue({ text: "Let me see", stallMs: 30_000 });
    const { events, outcome } = await run("Hi");
    expect(events.at(-1)).toMatchObject({ type: "error", code: "TIMEOUT" });
    expect(outcome).toMatchObject({ status: "timed_out", text: "Let me see" });
  });
});

const capital = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
const reporter = agentConfigSchema.parse({
  name: "reporter",
  description: "Names capitals.",
  model: "openai:gpt-test",
  phases: [{ id: "answer", description: "Answering", output: { name: "Capital", schema: capital } }],
  timeout_s: 5,
});
const responseFormat = () => (stub.requests[0]?.body as { response_format?: unknown }).response_format;

describe("structured output and model settings on an OpenAI-compatible server", () => {
  it("native: the output schema goes with the request as a strict json_schema, and its JSON answer is the data", async () => {
    stub.enqueue({ text: '{"city":"Lisbon"}' });
    const { outcome, events } = await run("Capital of Portugal?", { ...reporter, structured_output: "native" });
    expect(responseFormat()).toEqual({ type: "json_schema", json_schema: { name: "Capital", strict: true, schema: capital } });
    expect(events.find((e) => e.type === "structured_data")).toMatchObject({ schema: "Capital", data: { city: "Lisbon" } });
    expect(outcome.status).toBe("succeeded");
  });

  it("auto: prompt and parse for a server at OPENAI_BASE_URL, unless OPENAI_STRUCTURED_OUTPUT says it takes json_schema", async () => {
    stub.enqueue({ text: 'Here it is:\n```json\n{"city":"Madrid"}\n```' });
    const prompted = await run("Capital of Spain?", reporter);
    expect(responseFormat()).toBeUndefined();
    expect(JSON.stringify(stub.requests[0]!.body)).toContain("Capital");
    expect(prompted.outcome.outputs).toEqual({ Capital: { city: "Madrid" } });

    stub.reset();
    stub.enqueue({ text: '{"city":"Rome"}' });
    const native = await run("Capital of Italy?", reporter, { models: { openaiStructuredOutput: "native" } });
    expect(responseFormat()).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
    expect(native.outcome.outputs).toEqual({ Capital: { city: "Rome" } });
  });

  it("prompt, forced by the agent: no response_format even where the provider has one", async () => {
    stub.enqueue({ text: '{"city":"Paris"}' });
    await run("Capital of France?", { ...reporter, structured_output: "prompt" }, { models: { openaiStructuredOutput: "native" } });
    expect(responseFormat()).toBeUndefined();
  });

  it("model settings reach the request: the agent's, a phase's over them, the caller's over both", async () => {
    stub.enqueue({ text: '{"city":"Oslo"}' });
    const tuned = agentConfigSchema.parse({
      ...reporter,
      model_settings: { temperature: 0.2, top_p: 0.5, max_output_tokens: 100, provider_options: { openai: { user: "studio-test" } } },
      phases: [{ ...reporter.phases[0], model_settings: { temperature: 0.7 } }],
    });
    await run("Capital of Norway?", tuned, { settings: { maxOutputTokens: 50 } });
    expect(stub.requests[0]!.body).toMatchObject({ temperature: 0.7, top_p: 0.5, max_tokens: 50, user: "studio-test" });
  });
});
