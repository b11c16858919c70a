import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { startOpenAIStub, type OpenAIStub } from "@/test/support/openai-stub";
import { startProductionServer, waitUntilServing, type Server } from "@/test/support/servers";

// The OpenAI-compatible door of the production build, used by the clients people have (the
// official openai SDK, the AI SDK's OpenAI provider), with the agents' model behind it a scripted
// OpenAI-compatible server: what the client sends must reach the model, and what the model says the client.
const KEY = "openai-door-test-key-0123456789";
let stub: OpenAIStub;
let database: TestDatabase;
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  stub = await startOpenAIStub();
  database = await createDatabase(process.env.TEST_POSTGRES_URL || undefined, "openai");
  server = await startProductionServer({
    DATABASE_URL: database.url,
    AUTH_SECRET: "openai-door-test-secret-0123456789abcdef",
    API_KEYS: KEY,
    OPENAI_API_KEY: "sk-stub",
    OPENAI_BASE_URL: stub.baseURL,
  });
  await waitUntilServing(server);
  client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await database?.drop();
});

beforeEach(() => stub.reset());

/** What the agent's model was asked, by the request it got from the app. */
const modelRequest = (index = 0) =>
  stub.requests[index]!.body as Record<string, unknown> & { messages: { role: string; content: string }[] };

type Stored = { runs: { id: string; status: string }[]; messages: { role: string; text: string }[] };

async function sessionOf(sessionId: string): Promise<Stored> {
  const response = await fetch(`${server.url}/api/agents/assistant/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${KEY}` } });
  return response.json();
}
const runsOf = async (sessionId: string) => (await sessionOf(sessionId)).runs;
const said = async (sessionId: string) => (await sessionOf(sessionId)).messages.map(({ role, text }) => `${role}: ${text}`);

describe("POST /v1/chat/completions (production build, official clients)", () => {
  it("not streamed: the request's conversation, instructions and sampling settings reach the model; its answer, thinking and usage come back", async () => {
    stub.enqueue({ text: "<think>They asked how I am.</think>Very well, thank you.", usage: { prompt_tokens: 40, completion_tokens: 7 } });
    const { data: completion, response } = await client.chat.completions
      .create({
        model: "assistant",
        messages: [
          { role: "system", content: "Answer in one sentence." },
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello! How can I help?" },
          { role: "user", content: [{ type: "text", text: "How are you?" }] },
        ],
        temperature: 0.3,
        max_tokens: 50,
        seed: 7,
        stop: ["END"],
      })
      .withResponse();

    const runId = response.headers.get("x-run-id")!;
    expect(completion).toMatchObject({
      id: `chatcmpl-${runId}`,
      object: "chat.completion",
      model: "assistant",
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Very well, thank you." } }],
      usage: { prompt_tokens: 40, completion_tokens: 7, total_tokens: 47 },
    });
    expect((completion.choices[0]!.message as { reasoning_content?: string }).reasoning_content).toBe("They asked how I am.");

    const asked = modelRequest();
    expect(asked).toMatchObject({ temperature: 0.3, max_tokens: 50, seed: 7, stop: ["END"] });
    expect(asked.messages.slice(1)).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello! How can I help?" },
      { role: "user", content: "How are you?" },
    ]);
    expect(asked.messages[0]!.role).toBe("system");
    expect(asked.messages[0]!.content).toContain("You are a helpful, concise assistant.");
    expect(asked.messages[0]!.content).toContain("Instructions from the caller:\nAnswer in one sentence.");

    // A run like any other: stored with its session, question and answer.
    const sessionId = response.headers.get("x-session-id")!;
    expect(await runsOf(sessionId)).toEqual([expect.objectContaining({ id: runId, status: "SUCCEEDED" })]);
    expect(await said(sessionId)).toEqual(["user: How are you?", "assistant: Very well, thank you."]);
  });

  it("streamed: chat.completion.chunks with content and reasoning deltas, finish_reason, usage last when asked, then [DONE]", async () => {
    stub.enqueue({
      text: "<think>Counting.</think>One two three four",
      usage: { prompt_tokens: 12, completion_tokens: 4 },
      finishReason: "length",
    });
    const stream = await client.chat.completions.create({
      model: "assistant",
      messages: [{ role: "user", content: "Count to ten" }],
      max_completion_tokens: 4,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.map((choice) => choice.delta as { content?: string; reasoning_content?: string }),
    );
    expect(deltas[0]).toEqual({ role: "assistant", content: "" });
    expect(deltas.map((delta) => delta.content ?? "").join("")).toBe("One two three four");
    expect(deltas.map((delta) => delta.reasoning_content ?? "").join("")).toBe("Counting.");
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === chunks[0]!.id)).toBe(true);
    expect(chunks.at(-2)!.choices).toEqual([{ index: 0, delta: {}, finish_reason: "length" }]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 } });
    expect(modelRequest().max_tokens).toBe(4);
  });

  it("X-Session-Id continues a stored session: the model gets its history, not the request's earlier messages", async () => {
    stub.enqueue({ text: "Lisbon." }, { text: "About 545,000 people." });
    const first = await client.chat.completions
      .create({ model: "assistant", messages: [{ role: "user", content: "Capital of Portugal?" }] })
      .withResponse();
    const sessionId = first.response.headers.get("x-session-id")!;
    const second = await client.chat.completions
      .create(
        {
          model: "assistant",
          messages: [
            { role: "user", content: "forgotten" },
            { role: "user", content: "How many live there?" },
          ],
        },
        { headers: { "X-Session-Id": sessionId } },
      )
      .withResponse();

    expect(second.response.headers.get("x-session-id")).toBe(sessionId);
    expect(second.data.choices[0]!.message.content).toBe("About 545,000 people.");
    expect(modelRequest(1).messages.slice(1)).toEqual([
      { role: "user", content: "Capital of Portugal?" },
      { role: "assistant", content: "Lisbon." },
      { role: "user", content: "How many live there?" },
    ]);
    expect(await said(sessionId)).toEqual([
      "user: Capital of Portugal?",
      "assistant: Lisbon.",
      "user: How many live there?",
      "assistant: About 545,000 people.",
    ]);
  });

  it("the AI SDK's OpenAI provider pointed at the app streams the agent's answer", async () => {
    stub.enqueue({ text: "Forty-two.", usage: { prompt_tokens: 9, completion_tokens: 2 } });
    const provider = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: KEY });
    const result = streamText({ model: provider.chat("assistant"), prompt: "What is six times seven?" });
    expect(await result.text).toBe("Forty-two.");
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).inputTokens).toBe(9);
    expect(modelRequest().messages.at(-1)).toEqual({ role: "user", content: "What is six times seven?" });
  });

  it("a failed model call: OpenAI's error shape with the run's status, not retried by the SDK; streamed, an error line", async () => {
    stub.enqueue({ status: 400, error: "context length exceeded" });
    // With the SDK's default retries: a run that failed says it must not be run again.
    const retrying = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1` });
    const refused = await retrying.chat.completions
      .create({ model: "assistant", messages: [{ role: "user", content: "Hi" }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect(refused).toMatchObject({ status: 502, code: "LLM_ERROR", type: "api_error" });
    expect(stub.requests).toHaveLength(1);

    stub.enqueue({ status: 400, error: "context length exceeded" });
    const stream = await client.chat.completions.create({ model: "assistant", messages: [{ role: "user", content: "Hi" }], stream: true });
    const failed = await (async () => {
      for await (const chunk of stream) void chunk;
    })().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    expect(failed).toMatchObject({ code: "LLM_ERROR", message: expect.stringContaining("context length exceeded") });
  });

  it("a client that stops reading cancels its run: nobody could come back for it", async () => {
    stub.enqueue({ text: "Let me think about that at length", stallMs: 20_000 });
    const controller = new AbortController();
    const { data: stream, response } = await client.chat.completions
      .create({ model: "assistant", messages: [{ role: "user", content: "Write an essay" }], stream: true }, { signal: controller.signal })
      .withResponse();
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
    controller.abort();

    const sessionId = response.headers.get("x-session-id")!;
    const deadline = Date.now() + 10_000;
    let runs = await runsOf(sessionId);
    while (runs[0]!.status === "RUNNING" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      runs = await runsOf(sessionId);
    }
    expect(runs[0]!.status).toBe("CANCELLED");
  });

  it("refuses what it cannot honour with OpenAI's 400, and an unknown agent or path with its 404", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }];
    const cases: [Partial<OpenAI.ChatCompletionCreateParamsNonStreaming>, RegExp][] = [
      [{ tools }, /tools: are not supported: the agent runs its own tools/],
      [{ n: 2 }, /n: must be 1/],
      [{ response_format: { type: "json_object" } }, /response_format: must be text/],
      [{ messages: [{ role: "assistant", content: "Hi" }] }, /messages: must end with the user's message/],
      [{ messages: [{ role: "user", content: "  " }] }, /messages\.0\.content: must not be empty/],
    ];
    for (const [change, message] of cases) {
      const error = await client.chat.completions
        .create({ model: "assistant", messages: [{ role: "user", content: "Hi" }], ...change })
        .catch((caught: unknown) => caught);
      expect(error, String(message)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ type: "invalid_request_error", code: "invalid_body", message: expect.stringMatching(message) });
    }
    expect(stub.requests).toEqual([]);

    const unknown = await client.chat.completions
      .create({ model: "gpt-5", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ error: { message: 'No agent named "gpt-5".' } });
    const noEmbeddings = await client.embeddings.create({ model: "assistant", input: "Hi" }).catch((e: unknown) => e);
    expect(noEmbeddings).toBeInstanceOf(OpenAI.NotFoundError);
    expect(noEmbeddings).toMatchObject({ type: "not_found_error", error: { message: "No API endpoint at POST /v1/embeddings." } });
  });
});
