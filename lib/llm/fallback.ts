import type { LanguageModelV4 } from "@ai-sdk/provider";
import { APICallError } from "ai";
import type { ResolvedModel } from "./providers";

/**
 * One run's model with a fallback: calls go to the primary until it fails in a way its provider
 * calls retryable (rate limit, 5xx, 408/409), then to the fallback for the rest of the run, and
 * `onSwitch` says so once. Anything else the primary throws is the run's error, as without one.
 */
export function withFallback(primary: ResolvedModel, fallback: ResolvedModel, onSwitch: (error: APICallError) => void): LanguageModelV4 {
  let current = primary.model;
  const call = async <T>(attempt: (model: LanguageModelV4) => PromiseLike<T>): Promise<T> => {
    if (current === fallback.model) return attempt(current);
    try {
      return await attempt(current);
    } catch (error) {
      if (!APICallError.isInstance(error) || !error.isRetryable) throw error;
      current = fallback.model;
      onSwitch(error);
      return attempt(current);
    }
  };
  return {
    specificationVersion: "v4",
    get provider() {
      return current.provider;
    },
    get modelId() {
      return current.modelId;
    },
    get supportedUrls() {
      return current.supportedUrls;
    },
    doGenerate: (options) => call((model) => model.doGenerate(options)),
    doStream: (options) => call((model) => model.doStream(options)),
  };
}
