import type { z } from "zod";
import { sessionFiltersSchema } from "@/lib/admin/session-filters";
import { userChangeSchema, userListSchema } from "@/lib/admin/users";
import { createKeySchema } from "@/lib/auth/schemas";
import { usageWindowSchema } from "@/lib/db/usage";
import { chatCompletionRequestSchema } from "@/lib/openai/schemas";
import { feedbackSchema, runRequestSchema } from "@/lib/runs/request";
import { listQuerySchema, renameSessionSchema } from "@/lib/runs/sessions";
import * as responses from "./responses";

/** The public routes the OpenAPI document describes (lib/openapi/document.ts builds it from this table). */

export type Auth = "none" | "key" | "signed-in" | "admin" | "metrics";
export type Answer = { description: string; schema?: z.ZodType; events?: true; chunks?: true; text?: string };
export type Operation = {
  summary: string;
  description?: string;
  auth: Auth;
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: Record<string, string>;
  ok: Record<number, Answer>;
  /** Error statuses this operation answers with, beyond 401 (authenticated ones) and 500. */
  errors?: number[];
  /** Of those, the statuses of a run that failed, whose answer says where it is stored. */
  runErrors?: number[];
};

export const SSE_NOTE =
  "Server-Sent Events: `id:` the event's seq, `event:` its type, `data:` the rest as one JSON line (the RunEvent schema). Resume with Last-Event-ID. See docs/STREAMING.md.";

const json = (description: string, schema: z.ZodType): Answer => ({ description, schema });
const noContent: Answer = { description: "Done; no body." };
const RUN_IDS = { "X-Session-Id": "Answers carry X-Run-Id and X-Session-Id." };

/** Every public route: path → method → operation, grouped by tag. */
export const ROUTES: Record<string, Record<string, Record<string, Operation>>> = {
  Agents: {
    "/api/agents": { get: { summary: "List the agents", auth: "key", ok: { 200: json("The agents.", responses.agentListSchema) } } },
    "/api/agents/{name}/config": {
      get: {
        summary: "An agent's public configuration",
        auth: "key",
        ok: { 200: json("The agent.", responses.agentSchema) },
        errors: [404],
      },
    },
  },
  Runs: {
    "/api/agents/{name}/chat": {
      post: {
        summary: "Ask an agent and wait for its answer",
        auth: "key",
        body: runRequestSchema,
        ok: { 200: json("The answer, with its session and run.", responses.chatResponseSchema) },
        errors: [400, 404, 409, 413, 429, 502, 503, 504],
        runErrors: [409, 502, 504],
      },
    },
    "/api/agents/{name}/stream": {
      post: {
        summary: "Ask an agent and stream its run's events",
        description: `${SSE_NOTE} ${RUN_IDS["X-Session-Id"]}`,
        auth: "key",
        body: runRequestSchema,
        ok: { 200: { description: "The run's events, from start to done or error.", events: true } },
        errors: [400, 404, 413, 429, 503],
      },
    },
    "/api/runs/{id}/events": {
      get: {
        summary: "Replay and follow a run's events",
        description: "Replays the events after Last-Event-ID (or ?after=), then follows the run live until it ends.",
        auth: "key",
        headers: { "Last-Event-ID": "The seq of the last event received." },
        ok: { 200: { description: "The run's events after the given seq.", events: true } },
        errors: [400, 404],
      },
    },
    "/api/runs/{id}/cancel": {
      post: {
        summary: "Cancel a run",
        auth: "key",
        ok: {
          202: json("Being stopped: its stream ends with error CANCELLED.", responses.cancelResponseSchema),
          200: json("It had already ended.", responses.cancelResponseSchema),
        },
        errors: [404],
      },
    },
    "/api/runs/{id}/feedback": {
      post: {
        summary: "Rate a run's answer",
        description: "The run's owner only; null takes the rating back.",
        auth: "key",
        body: feedbackSchema,
        ok: { 200: json("The rating now.", responses.feedbackResponseSchema) },
        errors: [400, 404, 413],
      },
    },
  },
  Sessions: {
    "/api/agents/{name}/sessions": {
      get: {
        summary: "The caller's sessions with an agent",
        auth: "key",
        query: listQuerySchema,
        ok: { 200: json("A page, newest first.", responses.sessionPageSchema) },
        errors: [400, 404],
      },
    },
    "/api/agents/{name}/sessions/{id}": {
      get: {
        summary: "A session: its messages and runs",
        auth: "key",
        ok: { 200: json("The session.", responses.sessionDetailSchema) },
        errors: [404],
      },
      patch: {
        summary: "Rename a session",
        auth: "key",
        body: renameSessionSchema,
        ok: { 200: json("The session.", responses.sessionSchema) },
        errors: [400, 404, 413],
      },
      delete: { summary: "Delete a session", auth: "key", ok: { 204: noContent }, errors: [404] },
    },
  },
  "API keys": {
    "/api/keys": {
      get: {
        summary: "The caller's API keys",
        auth: "key",
        ok: { 200: json("Their keys (never the keys themselves).", responses.apiKeyListSchema) },
      },
      post: {
        summary: "Create an API key",
        auth: "signed-in",
        body: createKeySchema,
        ok: { 201: json("The new key, shown once.", responses.createdKeySchema) },
        errors: [400, 403, 413],
      },
    },
    "/api/keys/{id}": { delete: { summary: "Revoke an API key", auth: "signed-in", ok: { 204: noContent }, errors: [403, 404] } },
  },
  "OpenAI-compatible": {
    "/v1/models": {
      get: { summary: "The agents, as OpenAI models", auth: "key", ok: { 200: json("One model per agent.", responses.modelListSchema) } },
    },
    "/v1/chat/completions": {
      post: {
        summary: "Chat completions, answered by the agent named as model",
        description:
          "The messages are the conversation (the last the question, system messages the caller's instructions) unless X-Session-Id names a stored session to continue. Leaving the request cancels the run. Client tools are refused.",
        auth: "key",
        body: chatCompletionRequestSchema,
        headers: { "X-Session-Id": "Continue this stored session; answers carry X-Run-Id and X-Session-Id." },
        ok: {
          200: { description: "A chat.completion, or with stream: true its chunks.", schema: responses.chatCompletionSchema, chunks: true },
        },
        errors: [400, 404, 413, 429, 502, 503, 504],
      },
    },
  },
  MCP: {
    "/api/mcp": {
      post: {
        summary: "MCP over Streamable HTTP: the agents as tools",
        description:
          "JSON-RPC 2.0 as MCP's Streamable HTTP transport defines it (initialize, tools/list, tools/call, notifications/cancelled); use an MCP client. Sessions: the Mcp-Session-Id header.",
        auth: "key",
        ok: { 200: { description: "A JSON-RPC answer, or a stream of them.", text: "text/event-stream" } },
        errors: [400, 404, 413],
      },
    },
  },
  Operations: {
    "/api/health": {
      get: {
        summary: "Health",
        auth: "none",
        ok: {
          200: json("Serving (ok, or degraded without Redis).", responses.healthSchema),
          503: json("Database down, or draining.", responses.healthSchema),
        },
      },
    },
    "/api/metrics": {
      get: {
        summary: "Prometheus metrics",
        auth: "metrics",
        ok: { 200: { description: "Prometheus text format.", text: "text/plain" } },
        errors: [403],
      },
    },
    "/api/openapi.json": {
      get: { summary: "This document", auth: "none", ok: { 200: { description: "OpenAPI 3.1.", text: "application/json" } } },
    },
  },
  Admin: {
    "/api/admin/sessions": {
      get: {
        summary: "Every user's sessions",
        auth: "admin",
        query: sessionFiltersSchema,
        ok: { 200: json("A page.", responses.adminReportSchema) },
        errors: [400, 403],
      },
    },
    "/api/admin/sessions/export": {
      get: {
        summary: "Every matching session, as CSV",
        auth: "admin",
        query: sessionFiltersSchema,
        ok: { 200: { description: "CSV.", text: "text/csv" } },
        errors: [400, 403],
      },
    },
    "/api/admin/sessions/{id}": {
      get: {
        summary: "Any session, with each run's event timeline",
        auth: "admin",
        ok: { 200: json("The session.", responses.adminReportSchema) },
        errors: [403, 404],
      },
    },
    "/api/admin/usage": {
      get: {
        summary: "Usage figures",
        auth: "admin",
        query: usageWindowSchema,
        ok: { 200: json("Runs, tokens, latency, errors.", responses.adminReportSchema) },
        errors: [400, 403],
      },
    },
    "/api/admin/users": {
      get: {
        summary: "The users",
        auth: "admin",
        query: userListSchema,
        ok: { 200: json("A page of users.", responses.adminReportSchema) },
        errors: [400, 403],
      },
    },
    "/api/admin/users/{id}": {
      patch: {
        summary: "Change a user's role or disable them",
        auth: "admin",
        body: userChangeSchema,
        ok: { 200: json("The user.", responses.adminReportSchema) },
        errors: [400, 403, 404, 409, 413],
      },
    },
    "/api/admin/users/{id}/password-reset": {
      post: {
        summary: "A one-time password reset link",
        auth: "admin",
        ok: { 201: json("The link, shown once.", responses.passwordResetSchema) },
        errors: [403, 404],
      },
    },
    "/api/admin/agents": {
      get: {
        summary: "Agents, tools and MCP servers' status",
        auth: "admin",
        ok: { 200: json("Their status.", responses.adminReportSchema) },
        errors: [403],
      },
    },
    "/api/admin/mcp/{server}/reconnect": {
      post: {
        summary: "Reconnect an MCP server",
        auth: "admin",
        ok: { 200: json("Its status after the attempt.", responses.adminReportSchema) },
        errors: [403, 404],
      },
    },
  },
};
