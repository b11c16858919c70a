import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Message,
  LanguageModelV4StreamPart,
  LanguageModelV4ToolCall,
  LanguageModelV4ToolResultPart,
} from "@ai-sdk/provider";
import { APICallError } from "ai";
import type { RuntimeTool, ToolCall, ToolOutcome } from "@/lib/tools/types";
import { asModelError } from "./errors";
import type { Usage } from "./events";
import { journaled, NO_JOURNAL, stepKey, type RunJournal } from "./journal";
import type { AgentObserver } from "./observer";
import type { TextMessage } from "./prompt";
import { NO_USAGE, sumUsage } from "./usage";

/** Sampling and provider settings of a phase's model calls (the agent file's, the phase's, the run caller's); max tokens is each call's own limit. */
export type CallSettings = Pick<
  LanguageModelV4CallOptions,
  "temperature" | "topP" | "maxOutputTokens" | "seed" | "stopSequences" | "presencePenalty" | "frequencyPenalty" | "providerOptions"
>;

/** Why the model stopped, as the AI SDK unifies it ("stop", "length", "content-filter", "tool-calls", …). */
export type FinishReason = Extract<LanguageModelV4StreamPart, { type: "finish" }>["finishReason"]["unified"];

/**
 * What the loop reports while the model streams. `retry`: a call a crash cut off is made again.
 * A `replayed` text is a stored call's, which an earlier attempt of the run has sent already.
 */
export type LoopPart =
  | { type: "step-start" }
  | { type: "retry"; step: string; attempt: number }
  | { type: "reasoning"; text: string }
  | { type: "text"; text: string; replayed?: boolean };

type ModelLoop = {
  model: LanguageModelV4;
  /** Its calls' step keys begin with it. */
  phaseId: string;
  journal: RunJournal;
  system: string;
  messages: TextMessage[];
  tools: readonly RuntimeTool[];
  /** Model calls at most; a call that asked for tools is followed by another with their results. */
  maxSteps: number;
  signal: AbortSignal;
  settings?: CallSettings;
  /** The provider's own structured output: every call must answer this schema's JSON. */
  responseFormat?: LanguageModelV4CallOptions["responseFormat"];
  observer: AgentObserver;
  onPart: (part: LoopPart) => void;
  /** Runs one call; rejects only when the run is stopped. */
  callTool: (call: ToolCall) => Promise<ToolOutcome>;
};

/** `finishReason`: why the last call stopped; `toolCalls`: every call made, in the order the model asked for them. */
type LoopResult = {
  text: string;
  lastStepText: string;
  usage: Usage;
  finishReason: FinishReason;
  toolCalls: { call: ToolCall; outcome: ToolOutcome }[];
};

/** A model call as the journal keeps it: what the next call's prompt is built from. */
type ModelStep = { text: string; calls: ToolCall[]; usage: Usage; finishReason: FinishReason };

// One retry of a failed call the provider calls retryable (5xx, 429), after the AI SDK's own delay.
const RETRY_DELAY_MS = 2_000;

/**
 * The tool loop on the provider's own stream (`doStream`): call the model, run the tools it asks
 * for, send their results back, until it answers without tools or `maxSteps` is reached. It is what
 * `streamText` does for this runtime, without its chain of stream transforms, which under load cost
 * as much CPU per token as the provider's parsing itself (docs/decisions/0007).
 */
export async function runModelLoop(loop: ModelLoop): Promise<LoopResult> {
  const { signal } = loop;
  let prompt: LanguageModelV4Message[] = [{ role: "system", content: loop.system }, ...loop.messages.map(toPromptMessage)];
  const tools = loop.tools.map((tool) => ({
    type: "function" as const,
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
  }));
  const options: Omit<LanguageModelV4CallOptions, "prompt"> = {
    ...loop.settings,
    ...(loop.responseFormat && { responseFormat: loop.responseFormat }),
    ...(tools.length > 0 && { tools, toolChoice: { type: "auto" } }),
    abortSignal: signal,
  };
  let text = "";
  let lastStepText = "";
  let usage = NO_USAGE;
  let finishReason: FinishReason = "other";
  const toolCalls: LoopResult["toolCalls"] = [];
  // Without a journal, tools start as their calls arrive, while the model may still be streaming
  // others. With one, they start once the call's output is stored: a tool started by a call that a
  // crash then cut off would be asked for again, under a new id, when the call is made again.
  const startEarly = loop.journal === NO_JOURNAL;
  for (let step = 0; step < loop.maxSteps; step++) {
    loop.onPart({ type: "step-start" });
    const started: Promise<ToolOutcome>[] = [];
    const key = stepKey.model(loop.phaseId, step);
    const { output: result, replayed } = await journaled(loop.journal, key, "model", (attempt) => {
      if (attempt > 1) loop.onPart({ type: "retry", step: key, attempt });
      return streamStep(loop, { ...options, prompt }, startEarly ? (call) => started.push(startTool(loop, call)) : undefined);
    });
    if (replayed && result.text) loop.onPart({ type: "text", text: result.text, replayed });
    text += result.text;
    lastStepText = result.text;
    usage = sumUsage(usage, result.usage);
    finishReason = result.finishReason;
    if (result.calls.length === 0) break;
    const outcomes = await Promise.all(result.calls.map((call, i) => started[i] ?? loop.callTool(call)));
    toolCalls.push(...result.calls.map((call, i) => ({ call, outcome: outcomes[i]! })));
    const content = result.text ? [{ type: "text" as const, text: result.text }] : [];
    // A new prompt per call: the one a call was given stays as it was.
    prompt = [
      ...prompt,
      {
        role: "assistant",
        content: [
          ...content,
          ...result.calls.map(({ toolCallId, toolName, input }) => ({ type: "tool-call" as const, toolCallId, toolName, input })),
        ],
      },
      { role: "tool", content: result.calls.map((call, i) => toolResultPart(call, outcomes[i]!)) },
    ];
  }
  return { text, lastStepText, usage, finishReason, toolCalls };
}

/** One model call, streamed: its text, its tool calls (each given to `onCall` as it arrives) and its usage. */
async function streamStep(loop: ModelLoop, call: LanguageModelV4CallOptions, onCall?: (call: ToolCall) => void): Promise<ModelStep> {
  const span = loop.observer.modelCall(loop.model.provider, loop.model.modelId);
  try {
    const { stream, response } = await withRetry(() => loop.model.doStream(call), loop.signal);
    const reader = stream.getReader();
    let answered = false;
    let text = "";
    let finish: Extract<LanguageModelV4StreamPart, { type: "finish" }> | undefined;
    let responseModel: string | undefined;
    const calls: ToolCall[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const part = next.value;
      answered ||= !SILENT_PARTS.has(part.type);
      switch (part.type) {
        case "text-delta":
          text += part.delta;
          if (part.delta) loop.onPart({ type: "text", text: part.delta });
          break;
        case "reasoning-delta":
          if (part.delta) loop.onPart({ type: "reasoning", text: part.delta });
          break;
        case "tool-call": {
          if (part.providerExecuted) break;
          const parsed = { toolCallId: part.toolCallId, toolName: part.toolName, input: parseInput(part) };
          calls.push(parsed);
          onCall?.(parsed);
          break;
        }
        case "response-metadata":
          responseModel = part.modelId ?? responseModel;
          break;
        case "finish":
          finish = part;
          break;
        case "error":
          throw part.error;
      }
    }
    if (!answered) throw notAModelStream(response?.headers);
    const usage = { input_tokens: finish?.usage.inputTokens.total ?? 0, output_tokens: finish?.usage.outputTokens.total ?? 0 };
    const finishReason = finish?.finishReason.unified ?? "other";
    span.end({ responseModel, finishReason, usage });
    return { text, calls, usage, finishReason };
  } catch (error) {
    span.fail(loop.signal.aborted ? new Error("The model call was aborted.") : error);
    throw loop.signal.aborted ? loop.signal.reason : asModelError(error);
  }
}

// Parts a provider sends whatever the server answered: its parser ends any body with a finish.
const SILENT_PARTS = new Set<LanguageModelV4StreamPart["type"]>(["stream-start", "finish", "raw"]);

/** A 200 with no model output in it, such as a proxy's or a login page's HTML: a failed call, not an empty answer. */
function notAModelStream(headers: Record<string, string | undefined> = {}) {
  const type = headers["content-type"] ?? "no content type";
  return new APICallError({
    message: `The model server answered without any model output (HTTP 200, ${type}). Check the provider's base URL.`,
    url: "",
    requestBodyValues: {},
    statusCode: 200,
    responseHeaders: headers as Record<string, string>,
    isRetryable: false,
  });
}

/** JSON text as the model wrote it; text that is not JSON stays a string (the tool then says why it cannot use it). */
function parseInput(part: LanguageModelV4ToolCall): unknown {
  if (part.input.trim() === "") return {};
  try {
    return JSON.parse(part.input);
  } catch {
    return part.input;
  }
}

/** A tool started while the model streams: a stopped run rejects it, which is handled where it is awaited, or moot if the stream broke. */
function startTool(loop: ModelLoop, call: ToolCall) {
  const outcome = loop.callTool(call);
  outcome.catch(() => {});
  return outcome;
}

function toolResultPart(call: ToolCall, outcome: ToolOutcome): LanguageModelV4ToolResultPart {
  const output = outcome.ok
    ? typeof outcome.value === "string"
      ? { type: "text" as const, value: outcome.value }
      : { type: "json" as const, value: (outcome.value ?? null) as never }
    : { type: "error-text" as const, value: outcome.error };
  return { type: "tool-result", toolCallId: call.toolCallId, toolName: call.toolName, output };
}

async function withRetry<T>(attempt: () => PromiseLike<T>, signal: AbortSignal): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (signal.aborted || !APICallError.isInstance(error) || !error.isRetryable) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    if (signal.aborted) throw signal.reason;
    return attempt();
  }
}

/** A conversation message in the provider's prompt format. */
function toPromptMessage({ role, content }: TextMessage): LanguageModelV4Message {
  return { role, content: [{ type: "text", text: content }] };
}
