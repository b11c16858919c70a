import { APICallError, generateText, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startOpenAIStub, type OpenAIStub } from "@/test/support/openai-stub";
import { resolveModel } from "./providers";

const apiKey = "sk-test-key";
let stub: OpenAIStub;

beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

/** The real provider, pointed at the stub. */
function stubModel(modelId = "gpt-test") {
  const resolved = resolveModel(`openai:${modelId}`, { openaiApiKey: apiKey, openaiBaseUrl: stub.baseURL });
  expect(resolved.id).toBe(`openai:${modelId}`);
  expect(resolved.notice).toBeUndefined();
  return resolved.model;
}

describe("openai:* against an OpenAI-compatible server", () => {
  it("streams text in several chunks, reports usage, and sends the key and the model", async () => {
    stub.enqueue({ text: "Hello there, how are you today?", usage: { prompt_tokens: 5, completion_tokens: 7 } });

    const result = streamText({ model: stubModel(), prompt: "Hi" });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join("")).toBe("Hello there, how are you today?");
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBe(5);
    expect(usage.outputTokens).toBe(7);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(stub.requests[0]?.body).toMatchObject({
      model: "gpt-test",
      stream: true,
      messages: [{ role: "user", content: "Hi" }],
    });
  });

  it("turns <think> blocks of open reasoning models into reasoning parts", async () => {
    stub.enqueue({ text: "<think>The user greets me, so I greet back.</think>Hello to you too." });
    const result = streamText({ model: stubModel(), prompt: "Hello" });
    const reasoning: string[] = [];
    const text: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") reasoning.push(part.text);
      if (part.type === "text-delta") text.push(part.text);
    }
    expect(reasoning.join("")).toBe("The user greets me, so I greet back.");
    expect(text.join("")).toBe("Hello to you too.");
  });

  it("answers without streaming through generateText", async () => {
    stub.enqueue({ text: "A whole answer.", usage: { prompt_tokens: 3, completion_tokens: 4 } });

    const result = await generateText({ model: stubModel(), prompt: "Hi" });

    expect(result.text).toBe("A whole answer.");
    expect(result.usage.outputTokens).toBe(4);
    expect(stub.requests[0]?.body).toMatchObject({ model: "gpt-test" });
    expect(stub.requests[0]?.body).not.toHaveProperty("stream");
  });

  it("runs a streamed tool call and sends its result back for the final answer", async () => {
    stub.enqueue({ toolCalls: [{ name: "get_time", arguments: { zone: "UTC" } }] }, { text: "It is noon in UTC." });
    const zones: string[] = [];
    const getTime = tool({
      description: "The current time in a time zone.",
      inputSchema: z.object({ zone: z.string() }),
      execute: async ({ zone }) => {
        zones.push(zone);
        return { zone, time: "12:00" };
      },
    });

    const result = streamText({
      model: stubModel(),
      prompt: "What time is it in UTC?",
      tools: { get_time: getTime },
      stopWhen: stepCountIs(3),
    });

    expect(await result.text).toBe("It is noon in UTC.");
    expect(zones).toEqual(["UTC"]);
    const [call] = (await result.steps)[0]?.toolCalls ?? [];
    expect(call).toMatchObject({ toolName: "get_time", input: { zone: "UTC" } });
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[0]?.body).toMatchObject({
      tools: [{ type: "function", function: { name: "get_time" } }],
    });
    expect(stub.requests[1]?.body).toMatchObject({
      messages: [
        { role: "user", content: "What time is it in UTC?" },
        {
          role: "assistant",
          tool_calls: [{ id: call?.toolCallId, function: { name: "get_time", arguments: '{"zone":"UTC"}' } }],
        },
        { role: "tool", tool_call_id: call?.toolCallId, content: JSON.stringify({ zone: "UTC", time: "12:00" }) },
      ],
    });
  });

  it("surfaces a server error as an APICallError", async () => {
    stub.enqueue({ status: 500, error: "boom" });

    // The default onError logs to the console; this test reads the error from the stream instead.
    const result = streamText({ model: stubModel(), prompt: "Hi", maxRetries: 0, onError: () => {} });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === "error") errors.push(part.error);

    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 500, message: "boom" });
  });

  it("rejects generateText on a server error", async () => {
    stub.enqueue({ status: 500, error: "boom" });

    await expect(generateText({ model: stubModel(), prompt: "Hi", maxRetries: 0 })).rejects.toSatisfy(
      (error: unknown) => APICallError.isInstance(error) && error.statusCode === 500,
    );
  });

  it("ends a stalled stream promptly when the abort signal fires", async () => {
    stub.enqueue({ text: "partial", stallMs: 60_000 });

    const started = Date.now();
    const result = streamText({
      model: stubModel(),
      prompt: "Hi",
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(500),
    });
    let text = "";
    let abortReason: string | undefined;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      if (part.type === "abort") abortReason = part.reason;
    }

    // 10x the 500 ms, for a loaded machine, and far below the stub's 60 s stall.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(text).toBe("partial");
    expect(abortReason).toContain("TimeoutError");
    await expect(result.finishReason).rejects.toMatchObject({ name: "TimeoutError" });
  });
});

describe("resolveModel", () => {
  it("falls back to the demo model, with a notice, when there is no API key", () => {
    const resolved = resolveModel("openai:gpt-test", {});
    expect(resolved.id).toBe("demo");
    expect(resolved.notice).toContain("OPENAI_API_KEY");
  });

  it("rejects an unknown provider with a clear error", () => {
    expect(() => resolveModel("mistral:large", { openaiApiKey: apiKey })).toThrow(
      'Unknown model "mistral:large": use "demo" or "<provider>:<model>" (demo, openai, anthropic, google).',
    );
  });
});
