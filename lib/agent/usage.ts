import type { LanguageModelUsage } from "ai";
import type { Usage } from "./events";

export const NO_USAGE: Usage = { input_tokens: 0, output_tokens: 0 };

export function usageOf(usage: Pick<LanguageModelUsage, "inputTokens" | "outputTokens"> | undefined): Usage {
  return { input_tokens: usage?.inputTokens ?? 0, output_tokens: usage?.outputTokens ?? 0 };
}

export function sumUsage(...all: Usage[]): Usage {
  return all.reduce(
    (total, usage) => ({ input_tokens: total.input_tokens + usage.input_tokens, output_tokens: total.output_tokens + usage.output_tokens }),
    NO_USAGE,
  );
}
