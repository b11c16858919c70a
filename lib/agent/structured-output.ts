import { generateText, type LanguageModel, type ModelMessage } from "ai";
import type { PhaseConfig } from "./config";
import { AgentError } from "./errors";
import type { Usage } from "./events";
import type { CallSettings } from "./model-loop";
import { parseStructuredOutput } from "./output-parser";
import { NO_USAGE, usageOf } from "./usage";

type Output = NonNullable<PhaseConfig["output"]>;

/**
 * The phase's final text as data valid against its schema. On failure the model gets one repair
 * request with the validation errors; a second failure is OUTPUT_INVALID, keeping the raw text.
 */
export async function structuredOutput(
  text: string,
  output: Output,
  repair: { model: LanguageModel; system: string; messages: ModelMessage[]; signal: AbortSignal; settings?: CallSettings },
): Promise<{ data: unknown; usage: Usage }> {
  const first = parseStructuredOutput(text, output.schema);
  if (first.ok) return { data: first.data, usage: NO_USAGE };

  const retry = await generateText({
    model: repair.model,
    system: repair.system,
    messages: [
      ...repair.messages,
      { role: "assistant", content: text },
      {
        role: "user",
        content: `That answer is not a valid ${output.name}: ${first.error}. Reply with the corrected JSON object only.`,
      },
    ],
    ...repair.settings,
    abortSignal: repair.signal,
    maxRetries: 1,
  });
  const usage = usageOf(retry.usage);
  const second = parseStructuredOutput(retry.text, output.schema);
  if (second.ok) return { data: second.data, usage };
  throw new AgentError("OUTPUT_INVALID", `The model's answer is not a valid ${output.name}: ${second.error}`, retry.text || text);
}
