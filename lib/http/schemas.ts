import { z } from "zod";
import { sessionCursorSchema } from "@/lib/runs/sessions";

// Postgres text cannot hold NUL, and other control characters in a question are never intended
// (tabs and line breaks are text).
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

const runId = z.string().regex(/^[a-z0-9]{20,40}$/, "is not a run id");
const BRANCHES = ["after_run_id", "regenerate_run_id", "edit_run_id"] as const;

/** A question to an agent, whichever door it comes through. */
export const querySchema = z
  .string({ error: "is required and must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(20_000, "must be at most 20000 characters")
  .refine((query) => !CONTROL.test(query), "must not contain control characters");

export const sessionIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "is not a session id");

const chatFields = z
  .object({
    query: querySchema.optional().describe("The question (left out when regenerating)."),
    session_id: sessionIdSchema.optional().describe("Continue this stored session; a new one is created otherwise."),
    params: z.record(z.string(), z.unknown()).optional().describe("The agent's params (its config says which); defaults apply."),
    // Where the run goes in the session's tree of runs (default: after its latest run).
    after_run_id: runId.optional().describe("Answer after this run of the session instead of its latest."),
    regenerate_run_id: runId.optional().describe("Answer this run's question again: a new version of its answer."),
    edit_run_id: runId.optional().describe("Ask `query` in place of this run's question: a new version of the question."),
  })
  .strict();

/**
 * The question, and at most one branch, which needs the session it is in. A regenerated answer
 * asks its run's own question again, so `query` is then left out.
 */
const checked = <T extends typeof chatFields>(schema: T) =>
  schema.superRefine((body, ctx) => {
    const branches = BRANCHES.filter((name) => body[name] !== undefined);
    if (branches.length > 1) ctx.addIssue({ code: "custom", path: [branches[1]!], message: `cannot be combined with ${branches[0]}` });
    if (branches.length > 0 && !body.session_id)
      ctx.addIssue({ code: "custom", path: ["session_id"], message: `is required with ${branches[0]}` });
    if (body.regenerate_run_id && body.query !== undefined)
      ctx.addIssue({ code: "custom", path: ["query"], message: "must be left out when regenerating" });
    if (!body.regenerate_run_id && body.query === undefined)
      ctx.addIssue({ code: "custom", path: ["query"], message: "is required and must be a string" });
  });

export const chatRequestSchema = checked(chatFields);

/** The browser's chat transport sends the same body, naming the agent. */
export const uiChatRequestSchema = checked(chatFields.extend({ agent: z.string().min(1).max(100) }));

export const feedbackSchema = z.object({ rating: z.enum(["up", "down"]).nullable() }).strict();

export const createKeySchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(100) }).strict();

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: sessionCursorSchema.optional(),
  user: z.string().max(64).optional(),
});

export const renameSessionSchema = z
  .object({ title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters") })
  .strict();
