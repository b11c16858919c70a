import { z } from "zod";
import { sessionCursorSchema } from "@/lib/runs/sessions";

// Postgres text cannot hold NUL, and other control characters in a question are never intended
// (tabs and line breaks are text).
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

export const chatRequestSchema = z
  .object({
    query: z
      .string({ error: "is required and must be a string" })
      .trim()
      .min(1, "must not be empty")
      .max(20_000, "must be at most 20000 characters")
      .refine((query) => !CONTROL.test(query), "must not contain control characters"),
    session_id: z
      .string()
      .regex(/^[a-z0-9]{20,40}$/, "is not a session id")
      .optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** The browser's chat transport sends the same body, naming the agent. */
export const uiChatRequestSchema = chatRequestSchema.extend({ agent: z.string().min(1).max(100) });

export const createKeySchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(100) }).strict();

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: sessionCursorSchema.optional(),
  user: z.string().max(64).optional(),
});

export const renameSessionSchema = z
  .object({ title: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters") })
  .strict();
