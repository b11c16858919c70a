/**
 * `npm run bench:api`: N concurrent SSE streams through the whole app (`next start`: auth, run
 * service, event log in the database, bus, SSE) against a local OpenAI-compatible stub, and the
 * same N streams from a bare AI SDK handler (streamText → UI message stream on node:http) over the
 * same stub: the baseline. Prints time to first event (p50/p99), events/s, and peak RSS of each
 * server. Needs `npm run build`. Uses DATABASE_URL's server (a fresh database) or the embedded one.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { streamText } from "ai";
import { migrateDatabase } from "../lib/db/migrate";
import { resolveModel } from "../lib/llm/providers";
import { startOpenAIStub } from "../test/support/openai-stub";
import { createDatabase } from "../test/support/databases";
import { freePort } from "../test/support/ports";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const ANSWER = `${"Streaming tokens through the whole stack, one small chunk at a time. ".repeat(12)}`;
const SERVICE_KEY = "bench-service-key-0123456789abcdef";

type Figures = { firstEventMs: number[]; events: number; wallMs: number; peakRssMb: number; errors: number };

// A stream that ends with an `error` event failed as surely as one that got an HTTP error.
const isFailure = (line: string) => line === "event: error" || line.startsWith('data: {"type":"error"');

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

async function peakRssMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Opens `STREAMS` streams at once; counts SSE events (`id:` lines for the app, `data:` for the baseline). */
async function load(url: string, init: RequestInit, countLine: (line: string) => boolean, pid: number): Promise<Figures> {
  const started = performance.now();
  const firstEventMs: number[] = [];
  let events = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: STREAMS }, async () => {
      const opened = performance.now();
      try {
        const response = await fetch(url, init);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        let first = true;
        let rest = "";
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          const lines = (rest + chunk.value).split("\n");
          rest = lines.pop()!;
          if (lines.some(isFailure)) throw new Error(lines.find((line) => line.startsWith("data: ")) ?? "error event");
          for (const line of lines.filter(countLine)) {
            if (first) firstEventMs.push(performance.now() - opened);
            first = false;
            events++;
          }
        }
      } catch (error) {
        errors++;
        if (errors === 1) console.error(`first failed stream: ${(error as Error).message}`);
      }
    }),
  );
  return { firstEventMs, events, wallMs: performance.now() - started, peakRssMb: await peakRssMb(pid), errors };
}

function row(name: string, f: Figures) {
  return {
    server: name,
    streams: STREAMS,
    errors: f.errors,
    "first event p50 ms": quantile(f.firstEventMs, 0.5).toFixed(1),
    "first event p99 ms": quantile(f.firstEventMs, 0.99).toFixed(1),
    "events/s": Math.round(f.events / (f.wallMs / 1000)),
    "events total": f.events,
    "peak RSS MB": f.peakRssMb.toFixed(0),
  };
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never came up`);
}

const stub = await startOpenAIStub({ fallback: { text: ANSWER, usage: { prompt_tokens: 40, completion_tokens: 120 } } });
const database = await createDatabase(process.env.DATABASE_URL || undefined, "bench");
await migrateDatabase(database.url);

// The app, as deployed: next start on the build.
const appPort = await freePort();
const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");
const app = spawn(process.execPath, [nextCli, "start", "-p", String(appPort), "-H", "127.0.0.1"], {
  stdio: "ignore",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    AUTH_SECRET: "bench-secret-that-is-at-least-32-characters",
    API_KEYS: SERVICE_KEY,
    OPENAI_API_KEY: "sk-bench",
    OPENAI_BASE_URL: stub.baseURL,
    RATE_LIMIT_CHAT_PER_MIN: "100000",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
const appUrl = `http://127.0.0.1:${appPort}`;
await waitFor(`${appUrl}/api/health`);

// The baseline: the bare AI SDK streaming the same stub, no auth, no storage.
const model = resolveModel("openai:bench", { openaiApiKey: "sk-bench", openaiBaseUrl: stub.baseURL }).model;
const bare: Server = createServer(async (_req, res) => {
  const result = streamText({ model, prompt: "Stream the answer." });
  result.pipeUIMessageStreamToResponse(res);
});
const barePort = await freePort();
await new Promise<void>((resolve) => bare.listen(barePort, "127.0.0.1", resolve));

const body = JSON.stringify({ query: "Stream the answer." });
const headers = { "X-API-Key": SERVICE_KEY, "Content-Type": "application/json" };
// Warm both up (JIT, connection pools, first-request compilation) before measuring.
await load(`${appUrl}/api/agents/assistant/stream`, { method: "POST", headers, body }, (l) => l.startsWith("id: "), app.pid!);
const appFigures = await load(`${appUrl}/api/agents/assistant/stream`, { method: "POST", headers, body }, (l) => l.startsWith("id: "), app.pid!);
await load(`http://127.0.0.1:${barePort}/`, { method: "POST" }, (l) => l.startsWith("data: "), process.pid);
const bareFigures = await load(`http://127.0.0.1:${barePort}/`, { method: "POST" }, (l) => l.startsWith("data: "), process.pid);

console.table([row("agent studio (next start)", appFigures), row("bare AI SDK (node:http)", bareFigures)]);
console.log(
  `Node ${process.version}; database: ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}; ` +
    "the baseline's RSS is the bench process itself (it also runs the stub and the load).",
);

app.kill("SIGTERM");
bare.close();
await stub.close();
await new Promise((resolve) => app.once("exit", resolve));
await database.drop();
