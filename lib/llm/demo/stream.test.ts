import type { LanguageModelV4CallOptions, LanguageModelV4Prompt, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { stepCountIs, streamText } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDemoModel } from "./model";
import { tools } from "@/test/support/demo-tools";
import { hasSettled } from "@/test/support/settled";

const prompt: LanguageModelV4Prompt = [
  { role: "system", content: "You are a helpful agent." },
  { role: "user", content: [{ type: "text", text: "Hello there!" }] },
];

async function streamParts(options: LanguageModelV4CallOptions, model = createDemoModel({ tokenDelayMs: 0 })) {
  const reader = (await model.doStream(options)).stream.getReader();
  const parts: LanguageModelV4StreamPart[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  return parts;
}

/** The demo model paces words with setTimeout: a fake one lets the tests move time themselves. */
const useFakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
afterEach(() => void vi.useRealTimers());

describe("demo model stream", () => {
  it("streams reasoning and text word by word, then finishes with usage", async () => {
    const parts = await streamParts({ prompt });
    const types = parts.map((part) => part.type);
    expect(types.slice(0, 3)).toEqual(["stream-start", "response-metadata", "reasoning-start"]);
    expect(types.at(-1)).toBe("finish");
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-start"));

    const metadata = parts.find((part) => part.type === "response-metadata");
    expect(metadata).toMatchObject({ modelId: "demo", id: expect.any(String), timestamp: expect.any(Date) });

    const deltas = parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : []));
    const text = deltas.join("");
    expect(text).toMatch(/^Hi! I am the offline demo model/);
    for (const delta of deltas) expect(delta).toMatch(/^\s*\S+\s*$/);
    expect(deltas).toHaveLength(text.match(/\S+/g)!.length);

    const reasoningWords = 10;
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: deltas.length + reasoningWords, text: deltas.length, reasoning: reasoningWords },
      },
    });
  });

  it("ends a tool step with tool calls and the tool-calls finish reason", async () => {
    const result = streamText({
      model: createDemoModel({ tokenDelayMs: 0 }),
      tools,
      prompt: "Tell me about Spain",
      stopWhen: stepCountIs(1),
    });
    const steps = await result.steps;
    expect(steps[0]!.finishReason).toBe("tool-calls");
    expect(steps[0]!.toolCalls[0]).toMatchObject({ toolCallId: "demo-call-0-0", toolName: "get_country_info" });
    expect(steps[0]!.usage.inputTokens).toBe(4);
  });

  it("streams at once with tokenDelayMs 0, and 15 ms a word by default", async () => {
    useFakeClock();
    const instant = streamParts({ prompt });
    expect(await hasSettled(instant)).toBe(true);
    const words = (await instant).filter((part) => part.type === "text-delta" || part.type === "reasoning-delta").length;

    // 15 ms before each word: the last one arrives after words × 15 ms, not a moment before.
    const paced = streamParts({ prompt }, createDemoModel());
    expect(await hasSettled(paced)).toBe(false);
    await vi.advanceTimersByTimeAsync(words * 15 - 1);
    expect(await hasSettled(paced)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await hasSettled(paced)).toBe(true);
    const types = (parts: LanguageModelV4StreamPart[]) => parts.map((part) => part.type);
    expect(types(await paced)).toEqual(types(await instant));
  });
});

describe("aborting the demo model", () => {
  it("errors the stream with an AbortError as soon as the call is aborted", async () => {
    useFakeClock();
    const controller = new AbortController();
    const { stream } = await createDemoModel({ tokenDelayMs: 1_000 }).doStream({ prompt, abortSignal: controller.signal });
    const reader = stream.getReader();
    const opening = [await reader.read(), await reader.read(), await reader.read()];
    expect(opening.map((read) => read.value?.type)).toEqual(["stream-start", "response-metadata", "reasoning-start"]);

    // Half-way through the 1 s pause before the next word, so the abort has to cut it short.
    const pending = reader.read();
    await vi.advanceTimersByTimeAsync(500);
    expect(await hasSettled(pending)).toBe(false);
    controller.abort();
    expect(await hasSettled(pending)).toBe(true);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops streamText at once, with no text after the abort", async () => {
    useFakeClock();
    const controller = new AbortController();
    const result = streamText({
      model: createDemoModel({ tokenDelayMs: 50 }),
      prompt: "Hello there!",
      abortSignal: controller.signal,
    });
    const types: string[] = [];
    const consumed = (async () => {
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === "reasoning-delta") controller.abort();
      }
    })();
    expect(await hasSettled(consumed)).toBe(false);
    // The first word's pause: the word arrives, the test aborts, and the stream ends without waiting for the next one.
    await vi.advanceTimersByTimeAsync(50);
    expect(await hasSettled(consumed)).toBe(true);
    expect(types).toContain("reasoning-delta");
    expect(types.at(-1)).toBe("abort");
    expect(types).not.toContain("text-delta");
  });

  it("refuses to generate when already aborted", async () => {
    await expect(createDemoModel().doGenerate({ prompt, abortSignal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
  });
});
