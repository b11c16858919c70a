import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { APICallError } from "ai";
import type { ResolvedModel } from "./providers";

/**
 * One run's model with a fallback: calls go to the primary until it fails in a way its provider
 * calls retryable (rate limit, 5xx, 408/409) or does not answer within `answerWithinMs`, then to
 * the fallback for the rest of the run, and `onSwitch` says so once. Anything else the primary
 * throws is the run's error, as without one. `useFallback` switches at once, unsaid: a run resumed
 * after a crash goes on with the model its earlier attempt had switched to.
 */
export function withFallback(
  primary: ResolvedModel,
  fallback: ResolvedModel,
  { answerWithinMs, onSwitch }: { answerWithinMs: number; onSwitch: (reason: string) => void },
): LanguageModelV4 & { useFallback(): void } {
  let current = primary.model;
  const call = async <T>(
    options: LanguageModelV4CallOptions,
    attempt: (model: LanguageModelV4, options: LanguageModelV4CallOptions) => PromiseLike<T>,
  ) => {
    if (current === fallback.model) return attempt(current, options);
    try {
      return await answered(attempt, current, options, answerWithinMs);
    } catch (error) {
      if (!APICallError.isInstance(error) || !error.isRetryable) throw error;
      current = fallback.model;
      onSwitch(
        error instanceof SilentModelError
          ? `no answer within ${answerWithinMs / 1000} s`
          : error.statusCode
            ? `HTTP ${error.statusCode}`
            : "unreachable",
      );
      return attempt(current, options);
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
    doGenerate: (options) => call(options, (model, given) => model.doGenerate(given)),
    doStream: (options) => call(options, (model, given) => model.doStream(given)),
    useFallback: () => {
      current = fallback.model;
    },
  };
}

/**
 * The primary's call, aborted when it has not answered (a stream: its response has not begun)
 * within `ms`; that counts as a retryable failure. The stream itself may then take its time.
 */
async function answered<T>(
  attempt: (model: LanguageModelV4, options: LanguageModelV4CallOptions) => PromiseLike<T>,
  model: LanguageModelV4,
  options: LanguageModelV4CallOptions,
  ms: number,
): Promise<T> {
  const silence = new AbortController();
  const timer = setTimeout(() => silence.abort(), ms);
  const abortSignal = options.abortSignal ? AbortSignal.any([options.abortSignal, silence.signal]) : silence.signal;
  try {
    return await attempt(model, { ...options, abortSignal });
  } catch (error) {
    if (!silence.signal.aborted || options.abortSignal?.aborted) throw error;
    throw new SilentModelError(ms, error);
  } finally {
    clearTimeout(timer);
  }
}

/** The primary took the call and did not answer in time: worth the fallback's try. */
class SilentModelError extends APICallError {
  constructor(ms: number, cause: unknown) {
    super({ message: `No answer within ${ms / 1000} s.`, url: "", requestBodyValues: {}, isRetryable: true, cause });
  }
}
