import "server-only";
import type { SequencedEvent } from "@/lib/agent/events";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import { RUN_ERROR_STATUS } from "@/lib/http/errors";
import { afterRetry, outcomeReader, shownEvents } from "@/lib/runs/outcome";
import { followOutcome } from "@/lib/runs/service";
import { openAIRunError } from "./run-error";
import type { AnswerShape } from "./completions";

/**
 * The run's events as OpenAI chat completions (the OpenAI door's one encoding): text is `content`,
 * thinking `reasoning_content`; when the last phase has an output schema, its object is the
 * content, as JSON, and the text of the phases before it is reasoning. Every structured output also
 * travels as an object in the `structured` extension field, by name. Tool calls and phases stay
 * server-side: clients see their effect in the answer.
 */
type Delta = { content?: string; reasoning_content?: string; structured?: Record<string, unknown> };

export function deltaOf(event: SequencedEvent, answer: AnswerShape): Delta | undefined {
  switch (event.type) {
    case "thinking":
      return { reasoning_content: event.content };
    case "text":
      return answer.output ? { reasoning_content: event.content } : { content: event.content };
    case "structured_data": {
      const structured = { [event.schema]: event.data };
      const isAnswer = event.schema === answer.output && event.phase_id === answer.phaseId;
      return isAnswer ? { content: JSON.stringify(event.data), structured } : { structured };
    }
    default:
      return undefined;
  }
}

type Completion = { id: string; created: number; model: string };

export const completionOf = (runId: string, model: string): Completion => ({
  id: `chatcmpl-${runId}`,
  created: Math.floor(Date.now() / 1000),
  model,
});

const FINISH_REASON: Record<string, string> = { length: "length", "content-filter": "content_filter" };
const finishReasonOf = (outcome: RunOutcome) => FINISH_REASON[outcome.finishReason ?? ""] ?? "stop";

const usageOf = ({ usage }: RunOutcome) => ({
  prompt_tokens: usage.input_tokens,
  completion_tokens: usage.output_tokens,
  total_tokens: usage.input_tokens + usage.output_tokens,
});

/**
 * What ends a stream whose sent output a step_retry voids: a stream cannot take back what it sent,
 * and going on would double the cut-off attempt's text. The whole completion has no such problem.
 */
const CUT_OFF = openAIRunError({
  code: "INTERRUPTED",
  message: "A server restart cut this answer off after part of it was streamed, and a stream cannot take it back. Ask again.",
});

/**
 * The streamed completion: SSE `data:` lines of `chat.completion.chunk`s, then `data: [DONE]`; a
 * failed run ends with an error object instead, and so does a step_retry that voids any delta the
 * stream has given (CUT_OFF): one that voids nothing is not seen.
 */
export async function* completionChunks(
  batches: AsyncGenerator<SequencedEvent[]>,
  { completion, answer, includeUsage }: { completion: Completion; answer: AnswerShape; includeUsage: boolean },
): AsyncGenerator<string> {
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ ...completion, object: "chat.completion.chunk", choices, ...extra })}\n\n`;
  yield chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  const reader = outcomeReader();
  // The events whose deltas are sent, or about to be with this batch.
  const sent: SequencedEvent[] = [];
  for await (const batch of batches) {
    let text = "";
    for (const event of batch) {
      reader.read(event);
      if (event.type === "step_retry" && afterRetry(sent, event).length < sent.length) {
        yield `data: ${JSON.stringify(CUT_OFF)}\n\n`;
        return;
      }
      const delta = deltaOf(event, answer);
      if (delta) {
        sent.push(event);
        const { structured, ...said } = delta;
        text += chunk([{ index: 0, delta: said, finish_reason: null }], structured && { structured });
      }
    }
    if (text) yield text;
  }
  const outcome = reader.outcome;
  // Undefined when the client left first: nobody reads the end.
  if (!outcome) return;
  if (outcome.error) {
    yield `data: ${JSON.stringify(openAIRunError(outcome.error))}\n\n`;
    return;
  }
  yield (
    chunk([{ index: 0, delta: {}, finish_reason: finishReasonOf(outcome) }]) +
    (includeUsage ? chunk([], { usage: usageOf(outcome) }) : "") +
    "data: [DONE]\n\n"
  );
}

/**
 * The completion in one piece, folded from the same deltas as the stream, of the events still shown
 * once the run has ended (nothing a step_retry voided); a failed run answers with its error's
 * status, not to be retried.
 */
export async function wholeCompletion(
  batches: AsyncGenerator<SequencedEvent[]>,
  { runId, completion, answer }: { runId: string; completion: Completion; answer: AnswerShape },
) {
  const reader = outcomeReader();
  const events: SequencedEvent[] = [];
  for await (const batch of batches) {
    for (const event of batch) {
      reader.read(event);
      events.push(event);
    }
  }
  let content = "";
  let reasoning = "";
  const structured: Record<string, unknown> = {};
  for (const event of shownEvents(events)) {
    const delta = deltaOf(event, answer);
    content += delta?.content ?? "";
    reasoning += delta?.reasoning_content ?? "";
    Object.assign(structured, delta?.structured);
  }
  // A client that left stops following before the run has ended: its end is read from the log.
  const outcome = reader.outcome ?? (await followOutcome(runId));
  // A run that failed ran: its cost is spent, and an SDK's automatic retry would start another.
  if (outcome.error)
    return { status: RUN_ERROR_STATUS[outcome.error.code], body: openAIRunError(outcome.error), headers: { "x-should-retry": "false" } };
  const message = { role: "assistant", content, refusal: null, ...(reasoning && { reasoning_content: reasoning }) };
  return {
    status: 200,
    headers: {} as Record<string, string>,
    body: {
      ...completion,
      object: "chat.completion",
      choices: [{ index: 0, message, finish_reason: finishReasonOf(outcome), logprobs: null }],
      usage: usageOf(outcome),
      ...(Object.keys(structured).length > 0 && { structured }),
    },
  };
}
