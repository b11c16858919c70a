import "server-only";
import { answerPhaseOf } from "@/lib/agent/config";
import type { ConversationMessage } from "@/lib/agent/prompt";
import { AppError } from "@/lib/errors";
import { admitRunRequest } from "@/lib/run-doors/run-request";
import { querySchema, sessionIdSchema } from "@/lib/runs/request";
import { requireAgent, startRun } from "@/lib/runs/service";
import { chatCompletionRequestSchema, type ChatCompletionMessage, type ChatCompletionRequest } from "./schemas";

/** Where an agent's answer ends up in a completion: the last phase's output, as JSON, when it has one; its text otherwise. */
export type AnswerShape = { phaseId: string; output?: string };

/**
 * `POST /v1/chat/completions`: the request's messages are the conversation (the last one the
 * question, system messages the caller's instructions), unless `X-Session-Id` names a stored
 * session to continue, whose history the model gets instead. The caller cannot come back to a run
 * it left, so leaving cancels it.
 */
export async function startCompletion(request: Request) {
  const { caller, body } = await admitRunRequest(request, chatCompletionRequestSchema);
  const sessionId = sessionIdOf(request);
  const { config } = await requireAgent(body.model);
  const { question, history, instructions } = conversationOf(body.messages);
  const started = await startRun({
    agent: body.model,
    caller,
    query: question,
    sessionId,
    params: body.params,
    history: sessionId ? undefined : history,
    instructions,
    settings: settingsOf(body),
    cancelWith: request.signal,
  });
  const last = answerPhaseOf(config);
  const answer: AnswerShape = { phaseId: last.id, output: last.output?.name };
  return { ...started, body, answer };
}

function sessionIdOf(request: Request) {
  const header = request.headers.get("x-session-id");
  if (header === null) return undefined;
  const parsed = sessionIdSchema.safeParse(header.trim());
  if (!parsed.success) throw new AppError("invalid_body", "X-Session-Id: is not a session id.");
  return parsed.data;
}

const textOf = (content: ChatCompletionMessage["content"]) =>
  typeof content === "string" ? content : (content ?? []).map((part) => part.text).join("");

function conversationOf(messages: ChatCompletionMessage[]) {
  const asked = querySchema.safeParse(textOf(messages.at(-1)!.content));
  if (!asked.success) throw new AppError("invalid_body", `messages.${messages.length - 1}.content: ${asked.error.issues[0]!.message}`);
  const history: ConversationMessage[] = [];
  const instructions: string[] = [];
  for (const message of messages.slice(0, -1)) {
    const text = textOf(message.content);
    if (message.role === "system" || message.role === "developer") instructions.push(text);
    else if (message.role === "user" || message.role === "assistant") history.push({ role: message.role, text });
  }
  return { question: asked.data, history, instructions: instructions.join("\n\n") || undefined };
}

/** The sampling settings a client may choose, for every model call of the run (the demo model ignores them). */
function settingsOf(body: ChatCompletionRequest) {
  const stop = typeof body.stop === "string" ? [body.stop] : (body.stop ?? undefined);
  return {
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    seed: body.seed ?? undefined,
    stopSequences: stop,
    presencePenalty: body.presence_penalty ?? undefined,
    frequencyPenalty: body.frequency_penalty ?? undefined,
  };
}
