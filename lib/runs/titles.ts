import { generateText } from "ai";
import { resolveModel, type ModelSettings } from "@/lib/llm/providers";

const TITLE_CHARS = 60;
// What people put before the subject, which a title leaves out: "hi, can you tell me about Spain?" → "Spain".
const PREAMBLE =
  /^(?:(?:hi|hello|hey|ok|okay|so|please)\b[\s,!.]*)*(?:(?:can|could|would|will) you\s+(?:please\s+)?|please\s+)?(?:tell me about|tell me|explain|describe|show me|give me|i want to know|i'd like to know)\s+/i;

function clip(title: string) {
  if (title.length <= TITLE_CHARS) return title;
  const cut = title.slice(0, TITLE_CHARS - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A chat's title from its first question: the first sentence of its first line, without the preamble, at most 60 characters. */
export function titleFor(query: string) {
  const line = query.trim().split("\n")[0]!.replace(/\s+/g, " ");
  const sentence = /^.*?[.!?](?=\s|$)/.exec(line)?.[0] ?? line;
  const subject = sentence.replace(PREAMBLE, "").replace(/[.!]+$/, "") || sentence;
  return clip(subject.charAt(0).toUpperCase() + subject.slice(1));
}

const TITLE_PROMPT =
  "Write a title of at most six words for a chat that begins with the exchange below. Answer with the title only: no quotes, no final punctuation.";

/**
 * A title written by the agent's own model from the first question and answer; undefined on the
 * demo model, whose chats keep titleFor's. Asked once per chat, after its first answer.
 */
export async function modelTitle(
  spec: string,
  settings: ModelSettings,
  exchange: { question: string; answer: string },
  signal: AbortSignal,
) {
  const { model, id } = resolveModel(spec, settings);
  if (id === "demo") return undefined;
  const { text } = await generateText({
    model,
    system: TITLE_PROMPT,
    prompt: `Question: ${exchange.question.slice(0, 2000)}\n\nAnswer: ${exchange.answer.slice(0, 2000)}`,
    maxOutputTokens: 30,
    abortSignal: signal,
  });
  const title = text
    .trim()
    .split("\n")[0]!
    .replace(/^["'«“]+|["'»”.!]+$/g, "")
    .trim();
  return title ? clip(title) : undefined;
}
