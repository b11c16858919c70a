import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./ports";
import { sseParser, type SseEvent } from "./sse";

export type { SseEvent } from "./sse";

export type Server = { url: string; child: ChildProcess; exited: Promise<number>; output: () => string; stop: () => Promise<number> };

/**
 * The production entry (`npm run start:prod`: .next/standalone/start.mjs) on a free port with `env`,
 * as the Docker image runs it. Needs `npm run build` first (scripts/test.ts builds before Vitest).
 */
export async function startProductionServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const clean = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", PORT: String(port), HOSTNAME: "127.0.0.1", ...env };
  return { url: `http://127.0.0.1:${port}`, ...watched(spawn(process.execPath, [".next/standalone/start.mjs"], { env: clean })) };
}

export type Worker = Omit<Server, "url"> & { ready: Promise<void> };

/**
 * A run worker as the Docker image runs one (`node worker.mjs` in .next/standalone) with `env`;
 * `ready` once it takes runs. Needs `npm run build` first.
 */
export function startWorker(env: Record<string, string>): Worker {
  const clean = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", RUN_EXECUTOR: "pgboss", ...env };
  const worker = watched(spawn(process.execPath, ["worker.mjs"], { cwd: ".next/standalone", env: clean }));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (worker.output().includes("agent-studio worker: ready")) resolve();
      else if (worker.child.exitCode !== null) reject(new Error(`the worker exited:\n${worker.output()}`));
      else setTimeout(check, 100);
    };
    check();
  });
  return { ...worker, ready };
}

/** A child process's output as it comes, its exit code, and a SIGKILL to stop it. */
function watched(child: ChildProcess) {
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    return exited;
  };
  return { child, exited, output: () => output, stop };
}

/**
 * `npm run dev` on a free port with `env`, in a process group of its own (npm, serve.ts, the embedded
 * database, next dev and its server). `stop` ends it as a terminal would: SIGTERM to the group, then
 * waits until no process of the group is left, so the next start finds the ports and .next/dev free.
 */
export async function startDevServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const clean = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env };
  Reflect.deleteProperty(clean, "NODE_ENV");
  const { child, exited, output } = watched(
    spawn("npm", ["run", "dev", "--", "-p", String(port), "-H", "127.0.0.1"], { env: clean, detached: true }),
  );
  const group = -child.pid!;
  const stop = async () => {
    signal(group, "SIGTERM");
    const deadline = Date.now() + 30_000;
    while (signal(group, 0)) {
      if (Date.now() > deadline) signal(group, "SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return exited;
  };
  return { url: `http://127.0.0.1:${port}`, child, exited, output, stop };
}

/** Sends `name` to a process (group); false once there is none. */
function signal(pid: number, name: NodeJS.Signals | 0) {
  try {
    process.kill(pid, name);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

/** Waits for `/api/health` to answer (any status: a degraded instance answers 200, a draining one 503). */
export async function waitUntilServing(server: Server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && server.child.exitCode === null) {
    try {
      const response = await fetch(`${server.url}/api/health`, { headers: { Connection: "close" } });
      return { status: response.status, body: await response.json() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${server.url} never served; output:\n${server.output()}`);
}

/** A real redis-server on a free port of its own, so a test may stop and restart it. */
export async function startRedis(port?: number) {
  const chosen = port ?? (await freePort());
  const child = spawn("redis-server", ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const { Redis } = await import("ioredis");
  const probe = new Redis(chosen, "127.0.0.1", { lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
  probe.on("error", () => {}); // refused until the server listens: it retries
  await probe.connect().catch(() => {});
  await probe.ping();
  probe.disconnect();
  return {
    port: chosen,
    pid: child.pid!,
    url: `redis://127.0.0.1:${chosen}`,
    stop: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * Reads a Server-Sent Events response as it arrives, handing each event to `onEvent`; resolves with
 * every event once the stream ends (after `done` or `error`, the server closes it).
 */
export async function readSse(response: Response, onEvent: (event: SseEvent) => void = () => {}) {
  const events: SseEvent[] = [];
  const feed = sseParser((event) => {
    events.push(event);
    onEvent(event);
  });
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) feed(decoder.decode(read.value, { stream: true }));
  return events;
}
