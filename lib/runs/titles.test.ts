import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "@/test/support/openai-stub";
import { modelTitle, titleFor } from "./titles";

describe("titles from the first question", () => {
  it.each([
    ["What is (12 + 30) * 2?", "What is (12 + 30) * 2?"],
    ["Tell me about Spain", "Spain"],
    ["hi, can you please tell me about the history of Lima? And its food.", "The history of Lima?"],
    ["explain monads.", "Monads"],
    ["What is 2.5 * 4?", "What is 2.5 * 4?"],
    ["  first line\nsecond line", "First line"],
    ["Tell me", "Tell me"],
  ])("%j → %j", (query, title) => {
    expect(titleFor(query)).toBe(title);
  });

  it("keeps at most 60 characters, cut at a word", () => {
    const title = titleFor(`Describe ${"very ".repeat(30)}long things`);
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title).toMatch(/^Very (very )+very…$/);
  });
});

describe("titles from the agent's model", () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub();
  });
  afterAll(() => stub.close());

  it("asks the model with the first exchange and keeps one clean line", async () => {
    stub.enqueue({ text: '"Spain at a Glance."\nextra' });
    const settings = { openaiApiKey: "sk-test", openaiBaseUrl: stub.baseURL };
    const title = await modelTitle(
      "openai:gpt-test",
      settings,
      { question: "Tell me about Spain", answer: "Madrid is its capital." },
      AbortSignal.timeout(5000),
    );
    expect(title).toBe("Spain at a Glance");
    const sent = JSON.stringify(stub.requests.at(-1)!.body);
    expect(sent).toContain("Tell me about Spain");
    expect(sent).toContain("Madrid is its capital.");
  });

  it("leaves the demo model's chats to the first question's title", async () => {
    const asked = stub.requests.length;
    expect(await modelTitle("demo", {}, { question: "q", answer: "a" }, AbortSignal.timeout(5000))).toBeUndefined();
    expect(await modelTitle("openai:gpt-test", {}, { question: "q", answer: "a" }, AbortSignal.timeout(5000))).toBeUndefined();
    expect(stub.requests.length).toBe(asked);
  });
});
