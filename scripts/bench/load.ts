/**
 * The load client: C workers send N requests back to back over keep-alive connections. Per request:
 * time to the first text token, total time, text tokens and characters, or why it failed. Around
 * the load, the server's CPU and RSS (with its descendants) from /proc, and this process's own CPU.
 */
import { Agent, request } from "node:http";
import { processTree, sampleProcesses } from "./proc";

/** How text arrives: OpenAI chunks (`direct`), the AI SDK UI message stream (`baseline`), the project's named events. */
export type Mode = "openai" | "uistream" | "sse";
export type Target = { label: string; mode: Mode; url: string; body: string; headers?: Record<string, string>; pid: number };

type Outcome = { ttftMs?: number; totalMs: number; tokens: number; chars: number; error?: string };
type Payload = { content?: string; type?: string; delta?: string; error?: unknown; choices?: { delta?: { content?: string } }[] };
const FAILED = Symbol("failed");

/**
 * One SSE event → its text, FAILED, or nothing. A token is one event that carries text; characters
 * are counted too, so a server that merges tokens into fewer events is compared fairly.
 */
function textOf(mode: Mode, event: string, data: string): string | typeof FAILED | undefined {
  let payload: Payload;
  try {
    payload = JSON.parse(data);
  } catch {
    return undefined; // `[DONE]`, or no data at all
  }
  if (mode === "sse") return event === "error" ? FAILED : event === "text" ? payload.content || undefined : undefined;
  if (mode === "uistream")
    return payload.type === "error" ? FAILED : payload.type === "text-delta" ? payload.delta || undefined : undefined;
  return payload.error ? FAILED : payload.choices?.[0]?.delta?.content || undefined;
}

function send(target: Target, agent: Agent, timeoutMs: number) {
  return new Promise<Outcome>((resolve) => {
    const started = performance.now();
    const outcome: Outcome = { totalMs: 0, tokens: 0, chars: 0 };
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return; // `end`, `close` and the timeout may each report the same end
      settled = true;
      clearTimeout(timer);
      outcome.totalMs = performance.now() - started;
      outcome.error ??= error ?? (outcome.tokens === 0 ? "no text" : undefined);
      resolve(outcome);
    };
    const onEvent = (block: string) => {
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(line[5] === " " ? 6 : 5));
      }
      const text = textOf(target.mode, event, data.join("\n"));
      if (text === FAILED) outcome.error ??= `error event: ${data.join("").slice(0, 120)}`;
      else if (text !== undefined) {
        if (outcome.tokens++ === 0) outcome.ttftMs = performance.now() - started;
        outcome.chars += text.length;
      }
    };
    const body = Buffer.from(target.body);
    const headers = { "content-type": "application/json", accept: "text/event-stream", "content-length": body.length, ...target.headers };
    const req = request(target.url, { method: "POST", agent, headers }, (res) => {
      if (res.statusCode! < 200 || res.statusCode! >= 300) {
        res.resume();
        return finish(`HTTP ${res.statusCode}`);
      }
      let pending = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const blocks = (pending + chunk.replace(/\r\n?/g, "\n")).split("\n\n");
        pending = blocks.pop()!;
        for (const block of blocks) onEvent(block);
      });
      res.on("end", () => finish());
      res.on("close", () => finish(res.complete ? undefined : "connection closed mid-stream"));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(`timeout after ${timeoutMs} ms`);
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    req.end(body);
  });
}

/** Nearest-rank percentile, to 0.1 ms; undefined without values. */
function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return value === undefined ? undefined : Math.round(value * 10) / 10;
}

export type LoadResult = Awaited<ReturnType<typeof load>>;

export async function load(target: Target, concurrency: number, requests: number, timeoutMs = 120_000) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const pids = processTree(target.pid);
  const before = sampleProcesses(pids);
  let peakKb = before.rssKb;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, sampleProcesses(pids).rssKb)), 100);
  const cpu = process.cpuUsage();
  const started = performance.now();

  const outcomes: Outcome[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < requests) {
      sent++;
      outcomes.push(await send(target, agent, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));

  const wallS = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(cpu);
  clearInterval(sampler);
  const after = sampleProcesses(pids);
  agent.destroy();

  const ok = outcomes.filter((outcome) => !outcome.error);
  const tokens = outcomes.reduce((sum, outcome) => sum + outcome.tokens, 0);
  const chars = outcomes.reduce((sum, outcome) => sum + outcome.chars, 0);
  return {
    label: target.label,
    concurrency,
    requests,
    errors: outcomes.length - ok.length,
    errorSamples: [...new Set(outcomes.flatMap((outcome) => outcome.error ?? []))].slice(0, 3),
    ttftMs: {
      p50: percentile(
        ok.map((o) => o.ttftMs!),
        0.5,
      ),
      p99: percentile(
        ok.map((o) => o.ttftMs!),
        0.99,
      ),
    },
    totalMs: {
      p50: percentile(
        ok.map((o) => o.totalMs),
        0.5,
      ),
      p99: percentile(
        ok.map((o) => o.totalMs),
        0.99,
      ),
    },
    tokens,
    tokensPerS: tokens / wallS,
    charsPerS: chars / wallS,
    clientCpuPct: ((clientCpu.user + clientCpu.system) / 1e6 / wallS) * 100,
    server: {
      cpuS: (after.cpuTicks - before.cpuTicks) / 100,
      rssKb: { before: before.rssKb, peak: Math.max(peakKb, after.rssKb), after: after.rssKb },
    },
  };
}
