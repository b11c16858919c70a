import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { defaultSettingsMiddleware, extractReasoningMiddleware, wrapLanguageModel } from "ai";
import type { Endpoint } from "@/lib/env";
import { createDemoModel } from "./demo/model";

type StructuredOutput = "native" | "prompt";

export type ModelSettings = {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** Whether the OpenAI endpoint takes `response_format: json_schema`; by default only OpenAI's own (no OPENAI_BASE_URL). */
  openaiStructuredOutput?: StructuredOutput;
  /** Which OpenAI API: the Responses API (OpenAI's own, by default: reasoning summaries) or Chat Completions (every compatible server). */
  openaiApi?: "responses" | "chat";
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  googleApiKey?: string;
  googleBaseUrl?: string;
  /** Named OpenAI-compatible servers, by prefix (`ollama:` …). */
  endpoints?: Record<string, Endpoint>;
  demoTokenDelayMs?: number;
};

export type ResolvedModel = {
  model: LanguageModelV4;
  /** What actually answers, e.g. "openai:gpt-4o-mini" or "demo". */
  id: string;
  /** Why the configured model is not the one answering, for the run's `start` event. */
  notice?: string;
  /** The variable whose absence makes the demo model stand in (the provider's key). */
  missing?: string;
  /** Whether the provider guarantees an output schema itself ("native"), or it is asked for in the prompt. */
  structuredOutput: StructuredOutput;
};

type Provider = (
  modelId: string,
  settings: ModelSettings,
) => { model: LanguageModelV4; structuredOutput: StructuredOutput } | { missing: string };

// Open reasoning models served over the Chat Completions API (DeepSeek-R1, Qwen3 on Ollama or
// llama.cpp) think inside <think>…</think> in the text; the middleware makes it reasoning.
const thinkingInTags = (model: LanguageModelV4) =>
  wrapLanguageModel({ model, middleware: extractReasoningMiddleware({ tagName: "think" }) });

// The Responses API keeps what it is sent unless told otherwise; runs are stored here, not there.
// An agent's provider_options.openai.store can still ask for it.
const unstored = (model: LanguageModelV4) =>
  wrapLanguageModel({ model, middleware: defaultSettingsMiddleware({ settings: { providerOptions: { openai: { store: false } } } }) });

// Each provider's reasoning arrives as reasoning parts, shown as `thinking`: OpenAI-compatible
// servers' <think> blocks, Anthropic's thinking blocks, Gemini's thought parts.
const PROVIDERS: Record<string, Provider> = {
  openai: (modelId, s) => {
    if (!s.openaiApiKey) return { missing: "OPENAI_API_KEY" };
    const openai = createOpenAI({ apiKey: s.openaiApiKey, baseURL: s.openaiBaseUrl });
    const responses = (s.openaiApi ?? (s.openaiBaseUrl ? "chat" : "responses")) === "responses";
    return {
      model: responses ? unstored(openai.responses(modelId)) : thinkingInTags(openai.chat(modelId)),
      structuredOutput: s.openaiStructuredOutput ?? (s.openaiBaseUrl ? "prompt" : "native"),
    };
  },
  anthropic: (modelId, s) =>
    s.anthropicApiKey
      ? {
          model: createAnthropic({ apiKey: s.anthropicApiKey, baseURL: s.anthropicBaseUrl }).languageModel(modelId),
          structuredOutput: "native",
        }
      : { missing: "ANTHROPIC_API_KEY" },
  google: (modelId, s) =>
    s.googleApiKey
      ? {
          model: createGoogleGenerativeAI({ apiKey: s.googleApiKey, baseURL: s.googleBaseUrl }).languageModel(modelId),
          structuredOutput: "native",
        }
      : { missing: "GOOGLE_GENERATIVE_AI_API_KEY" },
};

/** A named OpenAI-compatible server: a local one needs no key. */
const endpointProvider =
  (name: string, endpoint: Endpoint): Provider =>
  (modelId) => ({
    model: thinkingInTags(createOpenAI({ name, apiKey: endpoint.apiKey ?? "none", baseURL: endpoint.baseUrl }).chat(modelId)),
    structuredOutput: endpoint.structuredOutput,
  });

function providerOf(name: string, settings: ModelSettings): Provider | undefined {
  if (Object.hasOwn(PROVIDERS, name)) return PROVIDERS[name];
  const endpoint = settings.endpoints?.[name];
  return endpoint && endpointProvider(name, endpoint);
}

/** The providers a model spec may name: the built-in ones and the configured endpoints. */
export function knownProviders(settings: ModelSettings) {
  return ["demo", ...Object.keys(PROVIDERS), ...Object.keys(settings.endpoints ?? {})];
}

/**
 * "provider:model" → a language model: `openai:` (OpenAI's Responses API, or the Chat Completions
 * of any compatible server at OPENAI_BASE_URL), `anthropic:`, `google:`, or a named endpoint (ENDPOINT_<NAME>_BASE_URL).
 * Without its provider's API key, an agent is answered by the offline demo model, which says so.
 */
export function resolveModel(spec: string, settings: ModelSettings): ResolvedModel {
  const demo = () => createDemoModel({ tokenDelayMs: settings.demoTokenDelayMs });
  if (spec === "demo") return { model: demo(), id: "demo", structuredOutput: "prompt" };
  const [name = "", ...rest] = spec.split(":");
  const modelId = rest.join(":");
  const provider = providerOf(name, settings);
  if (!provider || !modelId)
    throw new Error(`Unknown model "${spec}": use "demo" or "<provider>:<model>" (${knownProviders(settings).join(", ")}).`);
  const resolved = provider(modelId, settings);
  if ("missing" in resolved) {
    return {
      model: demo(),
      id: "demo",
      structuredOutput: "prompt",
      missing: resolved.missing,
      notice: `No ${resolved.missing} is configured, so the built-in demo model is answering instead of ${spec}.`,
    };
  }
  return { ...resolved, id: spec };
}
