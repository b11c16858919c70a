import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveModel, type ModelSettings } from "@/lib/llm/providers";
import { builtinTools } from "@/lib/tools/builtin";
import { McpPool } from "@/lib/tools/mcp/pool";
import { startOpenAIStub, type OpenAIStub } from "@/test/support/openai-stub";
import { startAnthropicStub, startGoogleStub, startOpenAIResponsesStub, type ProviderStub } from "@/test/support/provider-stubs";
import { agentConfigSchema, type AgentConfig } from "./config";
import type { AgentEvent } from "./events";
import { createAgent } from "./orchestrator";

// Whole agent runs through the real @ai-sdk/anthropic and @ai-sdk/google providers, against
// servers speaking their wire formats: thinking, tool calls, native structured output, errors.
const capital = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
afterAll(() => mcp.close());

type Case = {
  provider: string;
  model: string;
  start: () => Promise<ProviderStub>;
  settings: (baseURL: string) => ModelSettings;
  /** The JSON Schema the request carried for the output, where this provider puts it. */
  schemaIn: (body: Record<string, unknown>) => unknown;
  /** The tool result the second request sent back, as text. */
  toolResultIn: (body: Record<string, unknown>) => string;
  /** Anything else the provider's first request must say. */
  asked?: (body: Record<string, unknown>) => void;
};

const CASES: Case[] = [
  {
    provider: "OpenAI's Responses API",
    model: "openai:gpt-5-mini",
    start: startOpenAIResponsesStub,
    settings: (baseURL) => ({ openaiApiKey: "sk-test", openaiBaseUrl: baseURL, openaiApi: "responses", openaiStructuredOutput: "native" }),
    schemaIn: (body) => (body.text as { format?: { schema?: unknown } } | undefined)?.format?.schema,
    toolResultIn: (body) => JSON.stringify(body.input),
    // Runs are stored here, not at OpenAI.
    asked: (body) => expect(body.store).toBe(false),
  },
  {
    provider: "anthropic",
    model: "anthropic:claude-sonnet-4-5",
    start: startAnthropicStub,
    settings: (baseURL) => ({ anthropicApiKey: "sk-ant-test", anthropicBaseUrl: baseURL }),
    schemaIn: (body) => (body.output_config as { format?: { schema?: unknown } } | undefined)?.format?.schema,
    toolResultIn: (body) => JSON.stringify(body.messages),
  },
  {
    provider: "google",
    model: "google:gemini-2.5-flash",
    start: startGoogleStub,
    settings: (baseURL) => ({ googleApiKey: "google-test-key", googleBaseUrl: baseURL }),
    schemaIn: (body) => (body.generationConfig as { responseJsonSchema?: unknown } | undefined)?.responseJsonSchema,
    toolResultIn: (body) => JSON.stringify(body.contents),
  },
];

describe.each(CASES)("an agent on $provider", ({ model, start, settings, schemaIn, toolResultIn, asked }) => {
  let stub: ProviderStub;
  beforeAll(async () => {
    stub = await start();
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  async function run(config: AgentConfig, query: string) {
    const resolved = resolveModel(model, settings(stub.baseURL));
    expect(resolved.id).toBe(model);
    const agent = createAgent(config, { tools: { builtins: builtinTools, mcp }, models: {}, model: resolved });
    const events: AgentEvent[] = [];
    const outcome = await agent.run({ runId: "r1", sessionId: "s1", userId: "u1", query, history: [], emit: (e) => events.push(e) });
    return { outcome, events };
  }

  const assistant = agentConfigSchema.parse({ name: "assistant", description: "Calculates.", model, tools: ["calculator"], timeout_s: 5 });
  const reporter = agentConfigSchema.parse({
    name: "reporter",
    description: "Names capitals.",
    model,
    phases: [{ id: "answer", description: "Answering", output: { name: "Capital", schema: capital } }],
    timeout_s: 5,
  });

  it("thinks, calls a tool, and answers from its result", async () => {
    stub.enqueue(
      { thinking: "Arithmetic: use the calculator.", toolCalls: [{ name: "calculator", arguments: { expression: "6 * 7" } }] },
      { text: "6 × 7 is 42.", usage: { input: 30, output: 6 } },
    );
    const { outcome, events } = await run(assistant, "What is 6 times 7?");
    expect(
      events
        .filter((e) => e.type === "thinking")
        .map((e) => e.content)
        .join(""),
    ).toBe("Arithmetic: use the calculator.");
    expect(events.find((e) => e.type === "tool_result")).toMatchObject({ tool: "calculator", success: true, result: { result: 42 } });
    expect(outcome).toMatchObject({ status: "succeeded", text: "6 × 7 is 42." });
    expect(outcome.usage.output_tokens).toBeGreaterThanOrEqual(6);
    expect(toolResultIn(stub.requests[1]!.body as Record<string, unknown>)).toContain("42");
    asked?.(stub.requests[0]!.body as Record<string, unknown>);
  });

  it("asks for an output schema with the provider's own structured output", async () => {
    stub.enqueue({ text: '{"city":"Lisbon"}' });
    const { outcome } = await run(reporter, "Capital of Portugal?");
    expect(schemaIn(stub.requests[0]!.body as Record<string, unknown>)).toMatchObject({ properties: { city: { type: "string" } } });
    expect(outcome.outputs).toEqual({ Capital: { city: "Lisbon" } });
  });

  it("ends with LLM_ERROR carrying the provider's message when the request is refused", async () => {
    stub.enqueue({ status: 400, error: "prompt is too long" });
    const { events, outcome } = await run(assistant, "Hi");
    expect(events.at(-1)).toMatchObject({ type: "error", code: "LLM_ERROR", message: expect.stringContaining("prompt is too long") });
    expect(outcome.status).toBe("failed");
  });
});

describe("providers without their key", () => {
  it.each([
    ["anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY"],
    ["google:gemini-2.5-flash", "GOOGLE_GENERATIVE_AI_API_KEY"],
  ])("%s: the demo model answers, and the notice names %s", (spec, variable) => {
    const resolved = resolveModel(spec, {});
    expect(resolved).toMatchObject({ id: "demo", notice: expect.stringContaining(variable) });
  });

  it("a named endpoint answers its agents under its own prefix, without a key, through Chat Completions", async () => {
    const server = await startOpenAIStub();
    try {
      server.enqueue({ text: "Local hello." });
      const endpoints = { ollama: { baseUrl: server.baseURL, structuredOutput: "prompt" as const } };
      const local = agentConfigSchema.parse({ name: "local", description: "Runs locally.", model: "ollama:qwen3", timeout_s: 5 });
      const outcome = await createAgent(local, { tools: { builtins: builtinTools, mcp }, models: { endpoints } }).run({
        runId: "r1",
        sessionId: "s1",
        userId: "u1",
        query: "Hi",
        history: [],
        emit: () => {},
      });
      expect(outcome).toMatchObject({ status: "succeeded", text: "Local hello.", model: "ollama:qwen3" });
      expect(server.requests[0]).toMatchObject({ path: "/v1/chat/completions", body: { model: "qwen3" } });
    } finally {
      await server.close();
    }
  });

  it("a named endpoint needs no key, and is asked in the prompt unless it says it takes json_schema", () => {
    const endpoints = { ollama: { baseUrl: "http://127.0.0.1:11434/v1", structuredOutput: "prompt" as const } };
    expect(resolveModel("ollama:qwen3", { endpoints })).toMatchObject({ id: "ollama:qwen3", structuredOutput: "prompt" });
    expect(() => resolveModel("lmstudio:qwen3", { endpoints })).toThrow('Unknown model "lmstudio:qwen3"');
  });
});

describe("fallback_model", () => {
  let primary: OpenAIStub;
  let backup: ProviderStub;
  beforeAll(async () => {
    [primary, backup] = await Promise.all([startOpenAIStub(), startAnthropicStub()]);
  });
  afterAll(() => Promise.all([primary.close(), backup.close()]));
  beforeEach(() => {
    primary.reset();
    backup.reset();
  });

  const agent = agentConfigSchema.parse({
    name: "resilient",
    description: "Answers.",
    model: "openai:gpt-test",
    fallback_model: "anthropic:claude-sonnet-4-5",
    timeout_s: 10,
  });
  async function run(config = agent) {
    const models = {
      openaiApiKey: "sk-test",
      openaiBaseUrl: primary.baseURL,
      anthropicApiKey: "sk-ant-test",
      anthropicBaseUrl: backup.baseURL,
    };
    const events: AgentEvent[] = [];
    const outcome = await createAgent(config, { tools: { builtins: builtinTools, mcp }, models }).run({
      runId: "r1",
      sessionId: "s1",
      userId: "u1",
      query: "Hello?",
      history: [],
      emit: (e) => events.push(e),
    });
    return { events, outcome };
  }

  it("answers with the fallback when the primary is rate limited, and says so in the run's events", async () => {
    primary.enqueue({ status: 429, error: "rate limit reached" });
    backup.enqueue({ text: "Hello from the fallback." });
    const { events, outcome } = await run();
    expect(primary.requests).toHaveLength(1);
    expect(events.find((e) => e.type === "thinking")).toMatchObject({
      content: "openai:gpt-test failed (HTTP 429); anthropic:claude-sonnet-4-5 answers instead.",
    });
    expect(outcome).toMatchObject({ status: "succeeded", text: "Hello from the fallback.", model: "anthropic:claude-sonnet-4-5" });
    expect(events.at(-1)).toMatchObject({ type: "done", metadata: { model: "anthropic:claude-sonnet-4-5" } });
  });

  it("answers with the fallback when the primary takes the call and does not begin to answer within fallback_after_s", async () => {
    // The primary answers after 5 s: the fallback's answer shows it took over before that.
    primary.enqueue({ text: "Too late.", silentMs: 5_000 });
    backup.enqueue({ text: "Hello from the fallback." });
    const { events, outcome } = await run({ ...agent, fallback_after_s: 1 });
    expect(events.find((e) => e.type === "thinking")).toMatchObject({
      content: "openai:gpt-test failed (no answer within 1 s); anthropic:claude-sonnet-4-5 answers instead.",
    });
    expect(outcome).toMatchObject({ status: "succeeded", text: "Hello from the fallback.", model: "anthropic:claude-sonnet-4-5" });
  });

  it("keeps the primary's error when it is not one worth retrying elsewhere (400)", async () => {
    primary.enqueue({ status: 400, error: "bad request" });
    const { events, outcome } = await run();
    expect(backup.requests).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "LLM_ERROR" });
    expect(outcome.model).toBe("openai:gpt-test");
  });
});
