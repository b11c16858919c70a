import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * A scripted OpenAI-compatible server for tests: a real HTTP server speaking the Chat Completions
 * API, so the real provider, its fetch, its SSE parser and its abort handling are all exercised.
 *
 * No reasoning field: @ai-sdk/openai's chat model parses neither `reasoning_content` nor
 * `reasoning` in deltas (its chunk schema strips them). Reasoning travels as <think> in the text,
 * as open models emit it (see lib/llm/providers.ts).
 */

export type ScriptedToolCall = {
  name: string;
  /** Sent JSON-encoded, as OpenAI sends `function.arguments`. */
  arguments: unknown;
};

export type ScriptedUsage = { prompt_tokens: number; completion_tokens: number };

export type ScriptedAnswer = {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Zero tokens unless given. */
  usage?: ScriptedUsage;
  /** "stop" (or "tool_calls" when calling tools) unless given, e.g. "length" for an answer cut at max_tokens. */
  finishReason?: string;
  /**
   * Hang like a stuck server: a stream sends its text, then stays open this long before finishing;
   * a plain JSON answer is held back this long.
   */
  stallMs?: number;
  /** Hang before answering at all, like a server that takes the request and never responds; the response then comes as usual. */
  silentMs?: number;
};

export type ScriptedFailure = { status: number; error: string };

/** Something that is not the API at all, such as a proxy's HTML page answered with 200. */
export type ScriptedPage = { status: number; contentType: string; page: string };

export type ScriptedReply = ScriptedAnswer | ScriptedFailure | ScriptedPage;

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
};

/** A scripted server: its replies, what it was asked. */
export type Stub<R> = {
  /** Pass as the provider's base URL. */
  baseURL: string;
  /** Each request consumes the next reply, first in first out. */
  enqueue: (...replies: R[]) => void;
  requests: RecordedRequest[];
  /** Forgets unused replies and recorded requests, so one test's leftovers cannot leak into the next. */
  reset: () => void;
  close: () => Promise<void>;
};

export type OpenAIStub = Stub<ScriptedReply>;

type Chunk = Record<string, unknown>;

/** `fallback` answers any request the queue has no reply for (benchmarks script one reply for all). */
export async function startOpenAIStub(options: { fallback?: ScriptedReply; port?: number } = {}): Promise<OpenAIStub> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  let callCount = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `openai-stub crashed: ${String(error)}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      sendError(res, 400, `openai-stub: request body is not JSON: ${raw.slice(0, 200)}`);
      return;
    }
    const path = req.url ?? "";
    requests.push({ method: req.method ?? "", path, headers: req.headers, body });

    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      sendError(res, 404, `openai-stub: only POST /v1/chat/completions is implemented, not ${req.method} ${path}`);
      return;
    }
    const reply = queue.shift() ?? options.fallback;
    if (!reply) {
      sendError(res, 500, `openai-stub: no scripted reply left for request #${requests.length}; enqueue one per request`);
      return;
    }
    if ("error" in reply) {
      sendError(res, reply.status, reply.error);
      return;
    }
    if ("page" in reply) {
      res.writeHead(reply.status, { "content-type": reply.contentType });
      res.end(reply.page);
      return;
    }
    const request = isRecord(body) ? body : {};
    const model = typeof request.model === "string" ? request.model : "unknown";
    callCount += 1;
    const completion = { id: `chatcmpl-stub-${callCount}`, created: Math.floor(Date.now() / 1000), model };
    const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
      id: `call_stub_${callCount}_${index}`,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
    }));
    const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
    const prompt = reply.usage?.prompt_tokens ?? 0;
    const completionTokens = reply.usage?.completion_tokens ?? 0;
    const usage = { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens };

    if (reply.silentMs && !(await pause(reply.silentMs, res))) return;
    if (request.stream !== true) {
      if (reply.stallMs && !(await pause(reply.stallMs, res))) return;
      sendJson(res, 200, {
        ...completion,
        object: "chat.completion",
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: reply.text ?? null,
              ...(toolCalls.length > 0 && {
                tool_calls: toolCalls.map(({ id, name, arguments: args }) => ({
                  id,
                  type: "function",
                  function: { name, arguments: args },
                })),
              }),
            },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      });
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (choice: Chunk | null, extra: Chunk = {}) => {
      const choices = choice ? [{ index: 0, logprobs: null, finish_reason: null, ...choice }] : [];
      res.write(`data: ${JSON.stringify({ ...completion, object: "chat.completion.chunk", choices, ...extra })}\n\n`);
    };

    // OpenAI opens with `content: ""` for text but `null` for tool calls; the provider turns "" into a text part.
    send({ delta: { role: "assistant", content: reply.text ? "" : null } });
    for (const word of words(reply.text ?? "")) send({ delta: { content: word } });
    if (reply.stallMs && !(await pause(reply.stallMs, res))) return;
    toolCalls.forEach(({ id, name, arguments: args }, index) => {
      send({ delta: { tool_calls: [{ index, id, type: "function", function: { name, arguments: "" } }] } });
      for (const fragment of pieces(args, 8)) send({ delta: { tool_calls: [{ index, function: { arguments: fragment } }] } });
    });
    send({ delta: {}, finish_reason: finishReason });
    if (isRecord(request.stream_options) && request.stream_options.include_usage === true) send(null, { usage });
    res.end("data: [DONE]\n\n");
  }

  return listen(server, { queue, requests, port: options.port, prefix: "/v1" });
}

/** A scripted server's handle: it listens on 127.0.0.1, answers from `queue` and records `requests`. */
export async function listen<R>(
  server: Server,
  { queue, requests, port = 0, prefix }: { queue: R[]; requests: RecordedRequest[]; port?: number; prefix: string },
): Promise<Stub<R>> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stub: not listening on TCP");
  return {
    baseURL: `http://127.0.0.1:${address.port}${prefix}`,
    enqueue: (...replies: R[]) => void queue.push(...replies),
    requests,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Also cuts stalled streams, whose pauses end on the response's `close`.
        server.closeAllConnections();
      }),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Resolves true after `ms`, or false as soon as the connection closes (client abort or `close()`). */
function pause(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once("close", onClose);
  });
}

export function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

/** The error body OpenAI sends, which the provider turns into an APICallError with this message. */
function sendError(res: ServerResponse, status: number, message: string) {
  const type = status >= 500 ? "server_error" : "invalid_request_error";
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}

/** Word-sized pieces that concatenate back to `text`, as a model streams tokens. */
export function words(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

export function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let i = 0; i < text.length; i += size) result.push(text.slice(i, i + size));
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
