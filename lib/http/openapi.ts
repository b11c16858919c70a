import { z } from "zod";
import { sessionFiltersSchema } from "@/lib/admin/session-filters";
import { userChangeSchema, userListSchema } from "@/lib/admin/users";
import { sequencedEventSchema } from "@/lib/agent/events";
import { usageWindowSchema } from "@/lib/db/usage";
import { chatCompletionRequestSchema } from "@/lib/openai/schemas";
import { VERSION } from "@/lib/version";
import * as responses from "./responses";
import { chatRequestSchema, createKeySchema, feedbackSchema, listQuerySchema, renameSessionSchema } from "./schemas";

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of every public route, built from the zod
 * schemas the routes validate requests with (lib/http/schemas.ts, lib/openai/schemas.ts, the
 * admin filters) and those their answers are tested against (lib/http/responses.ts). Not in it:
 * the browser's own routes (/api/chat, /api/auth/*), which are not an API for programs.
 */

type Auth = "none" | "key" | "signed-in" | "admin" | "metrics";
type Answer = { description: string; schema?: z.ZodType; events?: true; chunks?: true; text?: string };
type Operation = {
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

const REQUESTS: Record<string, z.ZodType> = {
  ChatRequest: chatRequestSchema,
  RenameSession: renameSessionSchema,
  Feedback: feedbackSchema,
  CreateKey: createKeySchema,
  UserChange: userChangeSchema,
  ChatCompletionRequest: chatCompletionRequestSchema,
};

const RESPONSES: Record<string, z.ZodType> = {
  Error: responses.errorSchema,
  RunError: responses.runErrorSchema,
  OpenAIError: responses.openAIErrorSchema,
  Agent: responses.agentSchema,
  AgentList: responses.agentListSchema,
  ChatResponse: responses.chatResponseSchema,
  Session: responses.sessionSchema,
  SessionPage: responses.sessionPageSchema,
  SessionDetail: responses.sessionDetailSchema,
  CancelResponse: responses.cancelResponseSchema,
  FeedbackResponse: responses.feedbackResponseSchema,
  ApiKeyList: responses.apiKeyListSchema,
  CreatedKey: responses.createdKeySchema,
  Health: responses.healthSchema,
  PasswordReset: responses.passwordResetSchema,
  AdminReport: responses.adminReportSchema,
  RunEvent: sequencedEventSchema,
  ModelList: responses.modelListSchema,
  ChatCompletion: responses.chatCompletionSchema,
  ChatCompletionChunk: responses.chatCompletionChunkSchema,
};

const ref = (schema: z.ZodType) => {
  const name = Object.entries({ ...REQUESTS, ...RESPONSES }).find(([, known]) => known === schema)?.[0];
  if (!name) throw new Error("openapi: a schema used by an operation is not in REQUESTS or RESPONSES");
  return { $ref: `#/components/schemas/${name}` };
};

const STATUS_TEXT: Record<number, string> = {
  400: "The request is invalid: the message names the field.",
  401: "No valid API key or session.",
  403: "Signed in, but not allowed (admins only, or a browser session is needed).",
  404: "Not found, or not the caller's.",
  409: "In conflict with the current state.",
  413: "The body is over BODY_LIMIT_BYTES.",
  429: "Rate limited: retry after the Retry-After header's seconds.",
  500: "Something went wrong on the server; nothing is half-written.",
  502: "The run failed at its model or tools (synchronous answers).",
  503: "The database is down, or the server is shutting down.",
  504: "The run timed out (synchronous answers).",
};

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  key: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
  "signed-in": [{ session: [] }],
  admin: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
  metrics: [{ bearer: [] }, { session: [] }],
};

const AUTH_NOTE: Partial<Record<Auth, string>> = {
  "signed-in": "Needs the browser session: an API key cannot create or revoke keys.",
  admin: "Admins only (403 for other users).",
  metrics: "An admin, or METRICS_TOKEN as the Bearer token.",
};

const SSE_NOTE =
  "Server-Sent Events: `id:` the event's seq, `event:` its type, `data:` the rest as one JSON line (the RunEvent schema). Resume with Last-Event-ID. See docs/STREAMING.md.";

function content(answer: Answer) {
  const types: JsonObject = {};
  if (answer.schema) types["application/json"] = { schema: ref(answer.schema) };
  if (answer.events)
    types["text/event-stream"] = { schema: { type: "string", description: SSE_NOTE }, "x-event-schema": ref(sequencedEventSchema) };
  if (answer.chunks)
    types["text/event-stream"] = {
      schema: { type: "string", description: "With stream: true: `data: <ChatCompletionChunk>` lines, then `data: [DONE]`." },
      "x-event-schema": ref(responses.chatCompletionChunkSchema),
    };
  if (answer.text) types[answer.text] = { schema: { type: "string" } };
  return Object.keys(types).length > 0 ? types : undefined;
}

function parameters(path: string, operation: Operation) {
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const query = operation.query ? (z.toJSONSchema(operation.query, { io: "input", unrepresentable: "any" }) as JsonObject) : undefined;
  const inQuery = Object.entries((query?.properties ?? {}) as Record<string, JsonObject>).map(([name, schema]) => ({
    name,
    in: "query",
    required: ((query?.required ?? []) as string[]).includes(name),
    schema,
  }));
  const headers = Object.entries(operation.headers ?? {}).map(([name, description]) => ({
    name,
    in: "header",
    description,
    schema: { type: "string" },
  }));
  return [...inPath, ...inQuery, ...headers];
}

type JsonObject = Record<string, unknown>;

function operationObject(path: string, tag: string, operation: Operation) {
  const isOpenAI = path.startsWith("/v1/");
  const error = { "application/json": { schema: ref(isOpenAI ? responses.openAIErrorSchema : responses.errorSchema) } };
  const statuses = [...(operation.errors ?? []), ...(operation.auth === "none" ? [] : [401]), 500].sort((a, b) => a - b);
  const answers: JsonObject = {};
  for (const [status, answer] of Object.entries(operation.ok))
    answers[status] = { description: answer.description, content: content(answer) };
  const runError = { "application/json": { schema: ref(responses.runErrorSchema) } };
  for (const status of statuses)
    answers[status] ??= { description: STATUS_TEXT[status], content: operation.runErrors?.includes(status) ? runError : error };
  const params = parameters(path, operation);
  return {
    tags: [tag],
    summary: operation.summary,
    description: [operation.description, AUTH_NOTE[operation.auth]].filter(Boolean).join("\n\n") || undefined,
    security: SECURITY[operation.auth],
    ...(params.length > 0 && { parameters: params }),
    ...(operation.body && { requestBody: { required: true, content: { "application/json": { schema: ref(operation.body) } } } }),
    responses: answers,
  };
}

const json = (description: string, schema: z.ZodType): Answer => ({ description, schema });
const noContent: Answer = { description: "Done; no body." };
const RUN_IDS = { "X-Session-Id": "Answers carry X-Run-Id and X-Session-Id." };

/** Every public route: path → method → operation, grouped by tag. */
const ROUTES: Record<string, Record<string, Record<string, Operation>>> = {
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
        body: chatRequestSchema,
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
        body: chatRequestSchema,
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

function components() {
  const schemas: JsonObject = {};
  for (const [io, named] of [
    ["input", REQUESTS],
    ["output", RESPONSES],
  ] as const) {
    const registry = z.registry<{ id: string }>();
    for (const [name, schema] of Object.entries(named)) registry.add(schema, { id: name });
    const generated = z.toJSONSchema(registry, { io, unrepresentable: "any", uri: (name) => `#/components/schemas/${name}` });
    for (const [name, schema] of Object.entries(generated.schemas)) {
      const { $schema: _, $id: __, ...rest } = schema as JsonObject;
      schemas[name] = rest;
    }
  }
  return schemas;
}

let built: JsonObject | undefined;

export function openApiDocument() {
  if (built) return built;
  const paths: Record<string, JsonObject> = {};
  for (const [tag, routes] of Object.entries(ROUTES)) {
    for (const [path, methods] of Object.entries(routes)) {
      paths[path] = Object.fromEntries(
        Object.entries(methods).map(([method, operation]) => [method, operationObject(path, tag, operation)]),
      );
    }
  }
  built = {
    openapi: "3.1.0",
    info: {
      title: "Agent Studio API",
      version: VERSION,
      description:
        "Chat with the configured agents from programs: our REST + SSE API, an OpenAI-compatible API (/v1) and an MCP server (/api/mcp), on the same runs, sessions, keys and limits. Create an API key in Settings → API keys.",
    },
    tags: Object.keys(ROUTES).map((name) => ({ name })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key: Authorization: Bearer <key> (what the OpenAI and MCP clients send).",
        },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser's sign-in session (__Secure-authjs.session-token over HTTPS).",
        },
      },
    },
  };
  return built;
}
