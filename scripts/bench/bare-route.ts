/**
 * The `baseline` target: the bare AI SDK 7 route a user would write on node:http — streamText over
 * the stub's Chat Completions API (`.chat()`: the default model would call /v1/responses), sent as a
 * UI message stream. No auth, no storage. GET /health answers ok, for the bench to wait on.
 *
 *   node scripts/bench/bare-route.ts --port 4020 --upstream http://127.0.0.1:4010/v1
 *
 * The bench runs it compiled to plain JS (see `compiled` in processes.ts): no relative imports here.
 * `result.pipeUIMessageStreamToResponse` is deprecated in ai 7 for these standalone helpers.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createOpenAI } from "@ai-sdk/openai";
import { pipeUIMessageStreamToResponse, streamText, toUIMessageStream } from "ai";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, upstream: { type: "string" } } });
const openai = createOpenAI({ baseURL: values.upstream, apiKey: "stub" });

createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/health") return res.end("ok");
  if (req.method !== "POST") return res.writeHead(404).end();
  let raw = "";
  for await (const part of req) raw += part;
  const { prompt } = JSON.parse(raw || "{}") as { prompt?: string };
  const result = streamText({ model: openai.chat("stub"), prompt: prompt ?? "Hello" });
  pipeUIMessageStreamToResponse({ response: res, stream: toUIMessageStream({ stream: result.stream }) });
}).listen(Number(values.port), "127.0.0.1");
