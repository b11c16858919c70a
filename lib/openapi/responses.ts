import { z } from "zod";
import { RunStatus } from "@/lib/db/generated/enums";

/**
 * What the API answers, as zod schemas: the OpenAPI document's responses. The API tests check real
 * answers against them (e2e/clients.spec.ts), so the document cannot drift from what is sent.
 */

const id = z.string().describe("An id (cuid-like: lowercase letters and digits).");
const time = z.iso.datetime({ offset: true });
const runStatus = z.enum(RunStatus);

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe("A stable code, e.g. invalid_body, unauthorized, not_found, rate_limited."),
      message: z.string(),
    }),
  })
  .describe("Every error answer of /api: the message is for people, the code for programs.");

export const runErrorSchema = errorSchema
  .extend({ session_id: id, run_id: id })
  .describe("A run that failed (synchronous chat): its error code (LLM_ERROR, TIMEOUT, …) and where it is stored.");

export const openAIErrorSchema = z
  .object({ error: z.object({ message: z.string(), type: z.string(), code: z.string() }) })
  .describe("Every error answer of /v1, in OpenAI's shape (its SDKs read `type`); `code` is ours.");

const usage = z.object({ input_tokens: z.int(), output_tokens: z.int() });

export const agentSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    icon: z.string().optional(),
    model: z.string().describe("provider:model, e.g. openai:gpt-4o-mini; the demo model answers when its key is missing."),
    tools: z.array(z.string()),
    phases: z.array(z.looseObject({ id: z.string(), description: z.string() })),
    memory: z.object({ max_messages: z.int(), ttl_minutes: z.int() }),
    max_iterations: z.int(),
    timeout_s: z.int(),
    params: z.record(z.string(), z.looseObject({ type: z.string() })),
  })
  .describe("An agent's public configuration: never its prompts or its MCP servers' commands.");

export const agentListSchema = z.object({
  agents: z.array(agentSchema),
  errors: z
    .array(z.looseObject({ file: z.string(), message: z.string() }))
    .optional()
    .describe("Agent files that failed to load (admins only)."),
});

export const chatResponseSchema = z.object({
  answer: z.string(),
  structured: z.record(z.string(), z.unknown()).describe("Each phase's structured output, by its schema's name."),
  session_id: id,
  run_id: id,
  metadata: z.object({ duration_ms: z.number(), model: z.string(), usage }),
});

export const sessionSchema = z.object({
  id,
  userId: id,
  agent: z.string(),
  title: z.string(),
  messageCount: z.int(),
  lastRunStatus: runStatus.nullable(),
  createdAt: time,
  lastActiveAt: time,
  expiresAt: time,
});

export const sessionPageSchema = z.object({
  sessions: z.array(sessionSchema),
  next_before: z.string().nullable().describe("Pass as ?before= for the next page; null on the last."),
});

const messageSchema = z.object({
  id,
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  parts: z.array(z.looseObject({ type: z.string() })).describe("The message as the chat shows it (AI SDK UI message parts)."),
  runId: id.nullable(),
  createdAt: time,
});

const runSchema = z.object({
  id,
  status: runStatus,
  model: z.string(),
  createdAt: time,
  durationMs: z.int().nullable(),
  inputTokens: z.int().nullable(),
  outputTokens: z.int().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  parentRunId: id.nullable().describe("The run this one follows in the session's tree (null: the first turn)."),
  questionId: id.nullable(),
  feedback: z.int().nullable().describe("1 thumbs up, -1 down, null none."),
});

export const sessionDetailSchema = z.object({
  session: sessionSchema.extend({ deletedAt: time.nullable() }),
  messages: z.array(messageSchema),
  runs: z.array(runSchema),
});

export const cancelResponseSchema = z.object({
  run_id: id,
  status: runStatus.describe("The status when asked: QUEUED or RUNNING (202) are being stopped."),
});

export const feedbackResponseSchema = z.object({ run_id: id, rating: z.enum(["up", "down"]).nullable() });

const apiKeySchema = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  createdAt: time,
  lastUsedAt: time.nullable(),
  revokedAt: time.nullable(),
});
export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });
export const createdKeySchema = apiKeySchema.extend({ key: z.string().describe("The key itself: shown in this answer only.") });

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded", "draining", "error"]),
  db: z.enum(["ok", "down"]),
  redis: z.enum(["ok", "down"]).optional(),
});

export const passwordResetSchema = z.object({ url: z.url(), expires_at: time });

export const adminReportSchema = z.looseObject({}).describe("An admin view's figures, as the admin pages show them (see docs/ADMIN.md).");

export const modelListSchema = z.object({
  object: z.literal("list"),
  data: z.array(
    z.object({ id: z.string().describe("An agent's name."), object: z.literal("model"), created: z.int(), owned_by: z.string() }),
  ),
});

const completionUsage = z.object({ prompt_tokens: z.int(), completion_tokens: z.int(), total_tokens: z.int() });
const structured = z.record(z.string(), z.unknown()).describe("Extension: the run's structured outputs, by schema name.");
const finishReason = z.enum(["stop", "length", "content_filter"]);

export const chatCompletionSchema = z.object({
  id: z.string().describe("chatcmpl-<run id>"),
  object: z.literal("chat.completion"),
  created: z.int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.int(),
      message: z.object({
        role: z.literal("assistant"),
        content: z.string().describe("The answer: the last phase's structured output as JSON when it has one, its text otherwise."),
        refusal: z.null(),
        reasoning_content: z
          .string()
          .optional()
          .describe("Extension: the model's thinking (and earlier phases' text, for a structured answer)."),
      }),
      finish_reason: finishReason,
      logprobs: z.null(),
    }),
  ),
  usage: completionUsage,
  structured: structured.optional(),
});

export const chatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal("chat.completion.chunk"),
    created: z.int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.int(),
        delta: z.object({
          role: z.literal("assistant").optional(),
          content: z.string().optional(),
          reasoning_content: z.string().optional(),
        }),
        finish_reason: finishReason.nullable(),
      }),
    ),
    usage: completionUsage.optional().describe("In a last chunk with no choices, when stream_options.include_usage is set."),
    structured: structured.optional(),
  })
  .describe("Each `data:` line of a streamed completion, until `data: [DONE]`; a failed run sends an OpenAI error object instead.");
