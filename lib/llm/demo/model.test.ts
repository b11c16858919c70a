import { generateText, stepCountIs, streamText, type ModelMessage, type ToolSet } from "ai";
import { describe, expect, it } from "vitest";
import { createDemoModel } from "./model";
import { tools } from "@/test/support/demo-tools";

function ask(question: string, toolSet: ToolSet = tools) {
  const messages: ModelMessage[] = [{ role: "user", content: question }];
  return streamText({ model: createDemoModel({ tokenDelayMs: 0 }), tools: toolSet, messages, stopWhen: stepCountIs(5) });
}

describe("demo model with tools", () => {
  it.each([
    { question: "What is (12 + 30) * 2?", tool: "calculator", input: { expression: "(12 + 30) * 2" }, fact: "84" },
    { question: "Tell me about Spain", tool: "get_country_info", input: { country: "Spain" }, fact: "Madrid" },
    { question: "list the files in docs/", tool: "list_directory", input: { path: "docs/" }, fact: "README.md" },
  ])("answers “$question” by calling $tool", async ({ question, tool, input, fact }) => {
    const result = ask(question);
    const steps = await result.steps;

    expect(steps).toHaveLength(2);
    expect(steps[0]!.toolCalls.map((call) => [call.toolName, call.input])).toEqual([[tool, input]]);
    expect(steps[0]!.finishReason).toBe("tool-calls");
    expect(steps[1]!.toolCalls).toEqual([]);
    expect(await result.text).toContain(fact);
  });

  it("says what it is going to do before calling a tool", async () => {
    const result = ask("Tell me about Spain");
    const reasoning: string[] = [];
    for await (const part of result.fullStream) if (part.type === "reasoning-delta") reasoning.push(part.text);

    const steps = await result.steps;
    expect(steps[0]!.reasoningText).toBe("The question asks about Spain. I will look it up with get_country_info.");
    expect(steps[1]!.reasoningText).toBe("I have what get_country_info returned. I will summarise it.");
    expect(reasoning.length).toBeGreaterThan(5);
  });

  it("writes a short markdown answer from the tool result", async () => {
    expect(await ask("Tell me about Spain").text).toBe(
      [
        "Here is what I found for Spain:",
        "",
        "- **name**: Spain",
        "- **capital**: Madrid",
        "- **population**: 47400000",
        "- **currency**: Euro",
      ].join("\n"),
    );
  });

  it("says plainly when the tool fails", async () => {
    const text = await ask("Tell me about Atlantis").text;
    expect(text).toBe("I tried `get_country_info` for Atlantis, but it failed: Unknown country: Atlantis");
  });

  it("works with generateText too", async () => {
    const result = await generateText({
      model: createDemoModel(),
      tools,
      prompt: "What is (12 + 30) * 2?",
      stopWhen: stepCountIs(5),
    });
    expect(result.steps[0]!.toolCalls[0]!.input).toEqual({ expression: "(12 + 30) * 2" });
    expect(result.text).toContain("- **result**: 84");
    expect(result.reasoningText).toBeTruthy();
  });
});

describe("a conversation of several turns", () => {
  it("calls tools again for the next question, with new call ids", async () => {
    const model = createDemoModel({ tokenDelayMs: 0 });
    const messages: ModelMessage[] = [{ role: "user", content: "Tell me about Spain" }];
    const first = await generateText({ model, tools, messages, stopWhen: stepCountIs(5) });
    messages.push(...first.responseMessages, { role: "user", content: "What is (12 + 30) * 2?" });
    const second = await generateText({ model, tools, messages, stopWhen: stepCountIs(5) });

    expect(first.steps[0]!.toolCalls[0]!.toolCallId).toBe("demo-call-0-0");
    expect(second.steps[0]!.toolCalls[0]).toMatchObject({ toolCallId: "demo-call-2-0", toolName: "calculator" });
    expect(second.text).toContain("84");
    expect(second.text).not.toContain("Madrid");
  });
});

describe("demo model without a fitting tool", () => {
  it("answers directly when the agent has no tools", async () => {
    const result = ask("Hello there!", {});
    const steps = await result.steps;
    expect(steps).toHaveLength(1);
    expect(steps[0]!.reasoningText).toBe("This agent has no tools, so I will answer directly.");
    expect(await result.text).toMatch(/offline demo model/);
  });

  it("lists what the agent can do when no tool fits the question", async () => {
    const result = ask("Good morning!");
    const steps = await result.steps;
    expect(steps).toHaveLength(1);
    expect(steps[0]!.toolCalls).toEqual([]);
    const text = await result.text;
    expect(text).toMatch(/offline demo model/);
    expect(text).toContain("- **get_country_info**: Get facts about a country");
  });
});

describe("determinism", () => {
  it("gives the same answer to the same conversation", async () => {
    const run = async () => {
      const result = ask("Tell me about Spain");
      const parts: unknown[] = [];
      for await (const part of result.fullStream) {
        if (part.type === "reasoning-delta" || part.type === "text-delta") parts.push([part.type, part.text]);
        if (part.type === "tool-call") parts.push([part.type, part.toolCallId, part.toolName, part.input]);
      }
      return parts;
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(10);
    expect(await run()).toEqual(first);
  });
});
