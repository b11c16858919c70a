import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listen, pieces, readBody, sendJson, words, type RecordedRequest, type Stub } from "./openai-stub";

/**
 * Scripted servers in Anthropic's Messages and Google's generateContent streaming wire formats, so
 * the real @ai-sdk/anthropic and @ai-sdk/google providers, their parsers and their errors are
 * exercised. Each request takes the next scripted reply.
 */

export type ProviderReply =
  | { thinking?: string; text?: string; toolCalls?: { name: string; arguments: unknown }[]; usage?: { input: number; output: number } }
  | { status: number; error: string };

export type ProviderStub = Stub<ProviderReply>;

type Answer = Exclude<ProviderReply, { status: number }>;
type Wire = {
  path: RegExp;
  fail: (res: ServerResponse, status: number, message: string) => void;
  stream: (res: ServerResponse, answer: Answer, model: string) => void;
};

async function startStub(wire: Wire, prefix: string): Promise<ProviderStub> {
  const queue: ProviderReply[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : undefined;
    const path = req.url ?? "";
    requests.push({ method: req.method ?? "", path, headers: req.headers, body });
    const reply = queue.shift();
    if (!wire.path.test(path) || !reply) return wire.fail(res, 500, `stub: nothing scripted for ${req.method} ${path}`);
    if ("error" in reply) return wire.fail(res, reply.status, reply.error);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    wire.stream(res, reply, String(body?.model ?? /models\/([^:]+)/.exec(path)?.[1] ?? "unknown"));
  });
  return listen(server, { queue, requests, prefix });
}

/** Anthropic's Messages API (`POST /v1/messages`, streamed): thinking, text and tool_use blocks. */
export function startAnthropicStub() {
  return startStub(
    {
      path: /^\/v1\/messages$/,
      fail: (res, status, message) =>
        sendJson(res, status, { type: "error", error: { type: status >= 500 ? "api_error" : "invalid_request_error", message } }),
      stream(res, answer, model) {
        const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
        const usage = answer.usage ?? { input: 0, output: 0 };
        send("message_start", {
          message: {
            id: "msg_stub",
            type: "message",
            role: "assistant",
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage.input, output_tokens: 1 },
          },
        });
        let index = 0;
        const block = (start: object, deltas: object[]) => {
          send("content_block_start", { index, content_block: start });
          for (const delta of deltas) send("content_block_delta", { index, delta });
          send("content_block_stop", { index });
          index += 1;
        };
        if (answer.thinking)
          block({ type: "thinking", thinking: "", signature: "" }, [
            ...words(answer.thinking).map((thinking) => ({ type: "thinking_delta", thinking })),
            { type: "signature_delta", signature: "stub-signature" },
          ]);
        if (answer.text)
          block(
            { type: "text", text: "" },
            words(answer.text).map((text) => ({ type: "text_delta", text })),
          );
        for (const [i, call] of (answer.toolCalls ?? []).entries())
          block(
            { type: "tool_use", id: `toolu_stub_${i}`, name: call.name, input: {} },
            pieces(JSON.stringify(call.arguments), 8).map((partial_json) => ({ type: "input_json_delta", partial_json })),
          );
        send("message_delta", {
          delta: { stop_reason: answer.toolCalls?.length ? "tool_use" : "end_turn", stop_sequence: null },
          usage: { output_tokens: usage.output },
        });
        send("message_stop", {});
        res.end();
      },
    },
    "/v1",
  );
}

/** Google's generateContent, streamed (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse`): thought, text and functionCall parts. */
export function startGoogleStub() {
  return startStub(
    {
      path: /^\/v1beta\/models\/[^/:]+:streamGenerateContent\?alt=sse$/,
      fail: (res, status, message) =>
        sendJson(res, status, { error: { code: status, message, status: status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT" } }),
      stream(res, answer) {
        const send = (parts: object[], extra: object = {}) =>
          res.write(`data: ${JSON.stringify({ candidates: [{ content: { role: "model", parts }, index: 0, ...extra }] })}\n\n`);
        for (const text of words(answer.thinking ?? "")) send([{ text, thought: true }]);
        for (const text of words(answer.text ?? "")) send([{ text }]);
        const calls = (answer.toolCalls ?? []).map((call) => ({ functionCall: { name: call.name, args: call.arguments } }));
        const usage = answer.usage ?? { input: 0, output: 0 };
        res.write(
          `data: ${JSON.stringify({
            candidates: [{ content: { role: "model", parts: calls.length ? calls : [{ text: "" }] }, finishReason: "STOP", index: 0 }],
            usageMetadata: {
              promptTokenCount: usage.input,
              candidatesTokenCount: usage.output,
              totalTokenCount: usage.input + usage.output,
            },
          })}\n\n`,
        );
        res.end();
      },
    },
    "/v1beta",
  );
}

/** OpenAI's Responses API (`POST /v1/responses`, streamed): reasoning summaries, message text and function calls as output items. */
export function startOpenAIResponsesStub() {
  return startStub(
    {
      path: /^\/v1\/responses$/,
      fail: (res, status, message) =>
        sendJson(res, status, {
          error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code: null },
        }),
      stream(res, answer, model) {
        const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
        send("response.created", { response: { id: "resp_stub", created_at: Math.floor(Date.now() / 1000), model } });
        let output_index = 0;
        const item = (added: { type: string; id: string; [field: string]: unknown }, body: () => void, done: object = added) => {
          send("response.output_item.added", { output_index, item: added });
          body();
          send("response.output_item.done", { output_index, item: done });
          output_index += 1;
        };
        if (answer.thinking)
          item({ type: "reasoning", id: "rs_stub" }, () => {
            const at = { item_id: "rs_stub", output_index, summary_index: 0 };
            send("response.reasoning_summary_part.added", at);
            for (const delta of words(answer.thinking!)) send("response.reasoning_summary_text.delta", { ...at, delta });
            send("response.reasoning_summary_part.done", at);
          });
        if (answer.text)
          item({ type: "message", id: "msg_stub" }, () => {
            for (const delta of words(answer.text!)) send("response.output_text.delta", { item_id: "msg_stub", output_index, delta });
          });
        for (const [i, call] of (answer.toolCalls ?? []).entries()) {
          const args = JSON.stringify(call.arguments);
          const fields = { id: `fc_stub_${i}`, call_id: `call_stub_${i}`, name: call.name };
          item(
            { type: "function_call", ...fields, arguments: "" },
            () => {
              for (const delta of pieces(args, 8))
                send("response.function_call_arguments.delta", { item_id: fields.id, output_index, delta });
            },
            { type: "function_call", ...fields, arguments: args, status: "completed" },
          );
        }
        const usage = answer.usage ?? { input: 0, output: 0 };
        send("response.completed", { response: { usage: { input_tokens: usage.input, output_tokens: usage.output } } });
        res.end();
      },
    },
    "/v1",
  );
}
