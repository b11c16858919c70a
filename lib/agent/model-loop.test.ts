import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { builtinTools } from "@/lib/tools/builtin";
import { finish, step, text, toolCall } from "@/test/support/mock-model";
import type { AgentEvent } from "./events";
import { NO_JOURNAL } from "./journal";
import { runModelLoop, type LoopPart } from "./model-loop";
import { UNOBSERVED } from "./observer";
import { createToolRunner } from "./tool-runner";

const calculator = builtinTools.get("calculator")!;

function loop(model: MockLanguageModelV4, maxSteps = 5) {
  const events: AgentEvent[] = [];
  const parts: LoopPart[] = [];
  const signal = new AbortController().signal;
  const result = runModelLoop({
    model,
    phaseId: "answer",
    journal: NO_JOURNAL,
    system: "You calculate.",
    messages: [{ role: "user", content: "What is 6 * 7?" }],
    tools: [calculator],
    maxSteps,
    signal,
    observer: UNOBSERVED,
    callTool: createToolRunner([calculator], {
      emit: (event) => events.push(event),
      signal,
      phaseId: "answer",
      observer: UNOBSERVED,
      journal: NO_JOURNAL,
    }),
    onPart: (part) => parts.push(part),
  });
  return { result, events, parts };
}

const rawCall = (toolName: string, input: string, toolCallId: string): LanguageModelV4StreamPart[] => [
  { type: "tool-call", toolCallId, toolName, input },
];

describe("the model loop", () => {
  it("streams text, runs the tools the model asks for and sends their results back", async () => {
    const model = new MockLanguageModelV4({
      doStream: [
        step(toolCall(calculator.name, { expression: "6 * 7" }, "c1"), [finish("tool-calls")]),
        step(text("It is 42."), [finish("stop")]),
      ],
    });
    const { result, events, parts } = loop(model);
    expect(await result).toEqual({
      text: "It is 42.",
      lastStepText: "It is 42.",
      usage: { input_tokens: 20, output_tokens: 10 },
      finishReason: "stop",
      toolCalls: [
        {
          call: { toolCallId: "c1", toolName: calculator.name, input: { expression: "6 * 7" } },
          outcome: { ok: true, value: { expression: "6 * 7", result: 42 } },
        },
      ],
    });
    expect(parts.filter((part) => part.type === "step-start")).toHaveLength(2);
    expect(events.map((e) => e.type)).toEqual(["tool_start", "tool_result"]);
    const second = model.doStreamCalls[1]!;
    expect(second.prompt.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(second.prompt[3]).toMatchObject({
      content: [{ type: "tool-result", toolCallId: "c1", output: { type: "json", value: { result: 42 } } }],
    });
    expect(second.tools).toEqual([
      expect.objectContaining({ type: "function", name: calculator.name, inputSchema: calculator.inputSchema }),
    ]);
  });

  it("answers a call to an unknown tool, or with arguments that are not an object, with an error the model sees", async () => {
    const model = new MockLanguageModelV4({
      doStream: [
        step(rawCall("no_such_tool", "{}", "c1"), rawCall(calculator.name, "6 * 7", "c2"), [finish("tool-calls")]),
        step(text("Sorry."), [finish("stop")]),
      ],
    });
    const { result, events } = loop(model);
    await result;
    expect(events.filter((e) => e.type === "tool_result")).toEqual([
      expect.objectContaining({ call_id: "c1", tool: "no_such_tool", success: false, error: 'There is no tool named "no_such_tool".' }),
      expect.objectContaining({ call_id: "c2", success: false, error: "The arguments must be a JSON object." }),
    ]);
    expect(model.doStreamCalls[1]!.prompt[3]).toMatchObject({
      content: [
        { toolCallId: "c1", output: { type: "error-text", value: 'There is no tool named "no_such_tool".' } },
        { toolCallId: "c2", output: { type: "error-text" } },
      ],
    });
  });

  it("stops after max steps, even when the model still asks for tools", async () => {
    const ask = () => step(toolCall(calculator.name, { expression: "1 + 1" }), [finish("tool-calls")]);
    const model = new MockLanguageModelV4({ doStream: [ask(), ask(), ask()] });
    const { result, events } = loop(model, 2);
    await result;
    expect(model.doStreamCalls).toHaveLength(2);
    expect(events.filter((e) => e.type === "tool_result")).toHaveLength(2);
  });

  it("ends with the provider's error when the stream reports one", async () => {
    const model = new MockLanguageModelV4({ doStream: [step(text("Half"), [{ type: "error", error: new Error("stream broke") }])] });
    await expect(loop(model).result).rejects.toThrow("stream broke");
  });
});
