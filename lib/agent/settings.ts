import type { ModelSettingsConfig } from "./config";
import type { CallSettings } from "./model-loop";

/** An agent file's model settings as the provider's call settings. */
export function callSettingsOf(config: ModelSettingsConfig | undefined): CallSettings {
  if (!config) return {};
  return definedOnly({
    temperature: config.temperature,
    topP: config.top_p,
    maxOutputTokens: config.max_output_tokens,
    providerOptions: config.provider_options as CallSettings["providerOptions"],
  });
}

/** The settings of a phase's calls: the agent's, then the phase's, then the run's caller's, each over the one before. */
export function mergeSettings(...layers: (CallSettings | undefined)[]): CallSettings {
  return Object.assign({}, ...layers.map((layer) => definedOnly(layer ?? {})));
}

function definedOnly<T extends object>(settings: T): T {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as T;
}
