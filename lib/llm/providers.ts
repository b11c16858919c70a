import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { extractReasoningMiddleware, wrapLanguageModel } from "ai";
import { createDemoModel } from "./demo/model";

export type ModelSettings = {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** Whether the OpenAI endpoint takes `response_format: json_schema`; by default only OpenAI's own (no OPENAI_BASE_URL). */
  openaiStructuredOutput?: "native" | "prompt";
  demoTokenDelayMs?: number;
};

export type ResolvedModel = {
  model: LanguageModelV4;
  /** What actually answers, e.g. "openai:gpt-4o-mini" or "demo". */
  id: string;
  /** Why the configured model is not the one answering, for the run's `start` event. */
  notice?: string;
  /** Whether the provider guarantees an output schema itself ("native"), or it is asked for in the prompt. */
  structuredOutput: "native" | "prompt";
};

/**
 * "provider:model" → a language model. `openai:*` speaks the Chat Completions API, which every
 * OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp) implements, at OPENAI_BASE_URL.
 * Without an API key those agents fall back to the offline demo model, and say so.
 *
 * Open reasoning models served that way (DeepSeek-R1, Qwen3 on Ollama or llama.cpp) think inside
 * <think>…</think> in the text; the middleware turns it into reasoning, shown as `thinking`.
 */
export function resolveModel(spec: string, settings: ModelSettings): ResolvedModel {
  const demo = () => createDemoModel({ tokenDelayMs: settings.demoTokenDelayMs });
  if (spec === "demo") return { model: demo(), id: "demo", structuredOutput: "prompt" };
  const [provider, ...rest] = spec.split(":");
  const modelId = rest.join(":");
  if (provider !== "openai" || !modelId) throw new Error(`Unknown model "${spec}": use "demo" or "openai:<model>".`);
  if (!settings.openaiApiKey) {
    return {
      model: demo(),
      id: "demo",
      structuredOutput: "prompt",
      notice: `No OPENAI_API_KEY is configured, so the built-in demo model is answering instead of ${spec}.`,
    };
  }
  const openai = createOpenAI({ apiKey: settings.openaiApiKey, baseURL: settings.openaiBaseUrl });
  const model = wrapLanguageModel({ model: openai.chat(modelId), middleware: extractReasoningMiddleware({ tagName: "think" }) });
  return { model, id: spec, structuredOutput: settings.openaiStructuredOutput ?? (settings.openaiBaseUrl ? "prompt" : "native") };
}
