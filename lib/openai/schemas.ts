import { z } from "zod";

const text = z.string().max(20_000, "must be at most 20000 characters");

// Text, as a string or as text parts; the agents read text only.
const content = z.union([
  text,
  z.array(
    z.object({ type: z.string(), text: text.optional() }).refine((part) => part.type === "text" && part.text !== undefined, {
      message: "only text parts are supported",
    }),
  ),
]);

const message = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content }),
  z.object({ role: z.literal("developer"), content }),
  z.object({ role: z.literal("user"), content }),
  z
    .object({ role: z.literal("assistant"), content: content.nullish(), tool_calls: z.unknown().optional() })
    .refine((said) => said.tool_calls === undefined, {
      message: "tool calls cannot be replayed: the agent runs its own tools",
      path: ["tool_calls"],
    }),
  z.object({ role: z.literal("tool"), content }).refine(() => false, {
    message: "tool results cannot be sent: the agent runs its own tools",
  }),
]);

const count = z.number().int().min(1);

/**
 * `POST /v1/chat/completions` as the OpenAI SDKs send it. Fields this API has no use for (`user`,
 * `metadata`, `store`, `logit_bias`, …) are accepted and ignored, as OpenAI-compatible servers do;
 * what would change the answer's shape and cannot be honoured is refused (client tools, `n` > 1,
 * a response format the agent does not choose). `params` is ours: the agent's params.
 */
export const chatCompletionRequestSchema = z
  .object({
    model: z.string({ error: "is required: the name of an agent (GET /v1/models)" }).min(1).max(100),
    messages: z.array(message, { error: "is required: an array of messages" }).min(1, "must not be empty").max(1_000),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_tokens: count.nullish(),
    max_completion_tokens: count.nullish(),
    seed: z.number().int().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    n: z.literal(1, "must be 1: an agent gives one answer").nullish(),
    response_format: z
      .object({ type: z.string() })
      .refine((format) => format.type === "text", "must be text: the agent's phases decide the shape of its answer")
      .nullish(),
    tools: z.unknown().optional(),
    functions: z.unknown().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((body, ctx) => {
    for (const field of ["tools", "functions"] as const) {
      if (body[field] !== undefined && !(Array.isArray(body[field]) && body[field].length === 0))
        ctx.addIssue({ code: "custom", path: [field], message: "are not supported: the agent runs its own tools on the server" });
    }
    if (body.messages.at(-1)?.role !== "user")
      ctx.addIssue({ code: "custom", path: ["messages"], message: "must end with the user's message: that is the question" });
  });

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = ChatCompletionRequest["messages"][number];
