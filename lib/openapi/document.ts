import { z } from "zod";
import { userChangeSchema } from "@/lib/admin/users";
import { createKeySchema } from "@/lib/auth/schemas";
import { sequencedEventSchema } from "@/lib/agent/events";
import { chatCompletionRequestSchema } from "@/lib/openai/schemas";
import { feedbackSchema, runRequestSchema } from "@/lib/runs/request";
import { renameSessionSchema } from "@/lib/runs/sessions";
import { VERSION } from "@/lib/version";
import * as responses from "./responses";
import { ROUTES, SSE_NOTE, type Answer, type Auth, type Operation } from "./routes";

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of every public route, built from the zod
 * schemas the routes validate requests with (each where its door or contract lives: lib/runs,
 * lib/auth, lib/openai, lib/admin) and those their answers are tested against (./responses.ts).
 * Not in it: the browser's own routes (/api/chat, /api/auth/*), which are not an API for programs.
 */

const REQUESTS: Record<string, z.ZodType> = {
  ChatRequest: runRequestSchema,
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
