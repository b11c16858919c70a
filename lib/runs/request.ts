import { z } from "zod";

/**
 * What callers send about runs, whichever door they come through: the question, the session it
 * continues, the agent's params and where the run goes in the session's tree; and a verdict on an
 * answer. Each door reads these from its own wire shape (a JSON body, an OpenAI conversation, MCP
 * tool arguments).
 */

// Postgres text cannot hold NUL, and other control characters in a question are never intended
// (tabs and line breaks are text).
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

const runId = z.string().regex(/^[a-z0-9]{20,40}$/, "is not a run id");
const BRANCHES = ["after_run_id", "regenerate_run_id", "edit_run_id"] as const;

/** A question to an agent. */
export const querySchema = z
  .string({ error: "is required and must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(20_000, "must be at most 20000 characters")
  .refine((query) => !CONTROL.test(query), "must not contain control characters");

export const sessionIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "is not a session id");

/** A run request's fields, for a door whose body adds its own (see withBranchRules). */
export const runRequestFields = z
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
export const withBranchRules = <T extends typeof runRequestFields>(schema: T) =>
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

/** The REST API's body for a run (`/api/agents/{name}/chat` and `/stream`). */
export const runRequestSchema = withBranchRules(runRequestFields);

/** The owner's thumbs up or down on a run's answer (`null` takes it back). */
export const feedbackSchema = z.object({ rating: z.enum(["up", "down"]).nullable() }).strict();
