/**
 * The `direct` target: an OpenAI-compatible upstream at a known rate. POST /v1/chat/completions
 * with stream:true sends `--tokens` words, one `chat.completion.chunk` each every `--interval-ms`,
 * the first after `--ttft-ms`; then the finish chunk, a usage chunk when
 * `stream_options.include_usage`, and `data: [DONE]`. stream:false answers one chat.completion.
 * GET /health answers ok.
 *
 *   node scripts/bench/paced-stub.ts --port 4010 [--tokens 200] [--interval-ms 20] [--ttft-ms 0]
 *
 * The bench runs it compiled to plain JS (see `compiled` in processes.ts): no relative imports here.
 */
import { createServer, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    tokens: { type: "string", default: "200" },
    "interval-ms": { type: "string", default: "20" },
    "ttft-ms": { type: "string", default: "0" },
  },
});
const TOKENS = Number(values.tokens);
const INTERVAL_MS = Number(values["interval-ms"]);
const TTFT_MS = Number(values["ttft-ms"]);

const WORDS = "every word of this answer travels as its own small server sent event".split(" ");
const word = (i: number) => `${WORDS[i % WORDS.length]} `;
const usage = { prompt_tokens: 8, completion_tokens: TOKENS, total_tokens: 8 + TOKENS };
const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

type Stream = { res: ServerResponse; firstAt: number; sent: number; chunk: (choices: unknown[]) => unknown; finish: string };
const open = new Set<Stream>();
let ticker: NodeJS.Timeout | undefined;

/** Writes every token now due (a late tick catches up in one write); ends the stream after the last. */
function pump(stream: Stream, now: number) {
  if (now < stream.firstAt) return;
  const due = INTERVAL_MS > 0 ? Math.min(TOKENS, Math.floor((now - stream.firstAt) / INTERVAL_MS) + 1) : TOKENS;
  let out = "";
  for (; stream.sent < due; stream.sent++)
    out += sse(stream.chunk([{ index: 0, delta: { content: word(stream.sent) }, finish_reason: null }]));
  if (stream.sent < TOKENS) {
    if (out) stream.res.write(out);
    return;
  }
  open.delete(stream);
  stream.res.end(out + stream.finish);
}

// One ticker for all open streams: 200 streams cost 50 callbacks/s at 20 ms, not 10,000.
function tick() {
  const now = Date.now();
  for (const stream of open) pump(stream, now);
  if (open.size > 0) return;
  clearInterval(ticker);
  ticker = undefined;
}

function chatCompletion(body: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } }, res: ServerResponse) {
  const head = {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? "stub",
  };
  if (!body.stream) {
    const content = Array.from({ length: TOKENS }, (_, i) => word(i)).join("");
    const choices = [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }];
    return res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ ...head, object: "chat.completion", choices, usage }));
  }
  const chunk = (choices: unknown[]) => ({ ...head, object: "chat.completion.chunk", choices });
  const finish =
    sse(chunk([{ index: 0, delta: {}, finish_reason: "stop" }])) +
    (body.stream_options?.include_usage ? sse({ ...chunk([]), usage }) : "") +
    "data: [DONE]\n\n";
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.write(sse(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }])));
  const stream: Stream = { res, firstAt: Date.now() + TTFT_MS, sent: 0, chunk, finish };
  res.on("close", () => open.delete(stream));
  open.add(stream);
  pump(stream, Date.now()); // without --ttft-ms the first token goes at once
  if (open.has(stream)) ticker ??= setInterval(tick, Math.max(1, INTERVAL_MS));
}

const server = createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/health") return res.end("ok");
  if (req.method !== "POST" || req.url !== "/v1/chat/completions") return res.writeHead(404).end();
  let raw = "";
  for await (const part of req) raw += part;
  try {
    chatCompletion(JSON.parse(raw || "{}"), res);
  } catch {
    res.writeHead(400).end("invalid JSON body");
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), "127.0.0.1");
