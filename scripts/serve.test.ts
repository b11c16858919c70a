import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { freePort } from "@/test/support/ports";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm start` as a new user runs it: no DATABASE_URL, no AUTH_SECRET. Needs `next build` first
// (scripts/test.ts builds before running Vitest).
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

const launched = new Set<ChildProcess>();

function launch(args: string[], env: Record<string, string>) {
  // As a new user: none of the test run's database, secret or NODE_ENV (empty counts as unset).
  const clean = { ...process.env, DATABASE_URL: "", AUTH_SECRET: "", NEXT_TELEMETRY_DISABLED: "1", ...env };
  Reflect.deleteProperty(clean, "NODE_ENV");
  const child = spawn(process.execPath, [tsx, "scripts/serve.ts", ...args], { env: clean });
  launched.add(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  return { child, exited, output: () => output };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url, { headers: { Connection: "close" } });
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never answered 200`);
}

describe("npm start / npm run dev with no configuration", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "agent-studio-serve-"));
  });
  afterAll(async () => {
    for (const child of launched) if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a bad setting, naming the variable", async () => {
    const run = launch(["start"], { PGLITE_PORT: "not-a-port" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("PGLITE_PORT");
  });

  it("refuses AUTH_ENABLED=false in production, naming the variable", async () => {
    const run = launch(["start"], {
      PGLITE_DATA_DIR: path.join(dir, "refused"),
      PGLITE_PORT: String(await freePort()),
      AUTH_ENABLED: "false",
    });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain("AUTH_ENABLED: cannot be false in production");
  });

  it("with AUTH_ENABLED=false in development, lets API calls without a key through as a dev user", async () => {
    const port = String(await freePort());
    const dev = launch(["dev", "-p", port, "-H", "127.0.0.1"], {
      PGLITE_DATA_DIR: path.join(dir, "dev"),
      PGLITE_PORT: String(await freePort()),
      AUTH_ENABLED: "false",
    });
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, dev.child, 120_000);
    const response = await fetch(`http://127.0.0.1:${port}/api/agents`);
    expect(response.status).toBe(200);
    expect((await response.json()).agents.length).toBe(3);
    // Hot reload for a page opened at a loopback address, not only at localhost; not for other sites.
    const devResource = (origin: string) => fetch(`http://127.0.0.1:${port}/_next/static/none.js`, { headers: { Origin: origin } });
    expect((await devResource(`http://[::1]:${port}`)).status).not.toBe(403);
    expect((await devResource("http://elsewhere.example")).status).toBe(403);
    dev.child.kill("SIGTERM");
    await dev.exited;
  }, 180_000);

  it("starts on the embedded database, migrated, and keeps sessions, data and secret across restarts", async () => {
    expect(existsSync(".next/standalone/start.mjs"), "run `npm run build` first").toBe(true);
    const serviceKey = "service-key-for-the-restart-test-0123";
    const env = {
      PGLITE_DATA_DIR: path.join(dir, "pglite"),
      PGLITE_PORT: String(await freePort()),
      API_KEYS: serviceKey,
      DEMO_TOKEN_DELAY_MS: "0",
    };
    const port = String(await freePort());
    const base = `http://127.0.0.1:${port}`;
    const health = `${base}/api/health`;
    const chat = async (body: object) => {
      const response = await fetch(`${base}/api/agents/assistant/chat`, {
        method: "POST",
        // No keep-alive: a pooled socket to the first server would be reused after its restart.
        headers: { "X-API-Key": serviceKey, "Content-Type": "application/json", Connection: "close" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { session_id: string; answer: string };
    };

    const first = launch(["start", "-p", port, "-H", "127.0.0.1"], env);
    expect(await waitForHealth(health, first.child)).toEqual({ status: "ok", db: "ok" });
    expect(first.output()).toContain("applied database migrations: 20261129000000_init");
    const { session_id } = await chat({ query: "What is 20 + 22?" });
    first.child.kill("SIGTERM");
    await first.exited;
    const secret = await readFile(path.join(dir, "auth-secret"), "utf8");
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const second = launch(["start", "-p", port, "-H", "127.0.0.1"], env);
    expect(await waitForHealth(health, second.child)).toEqual({ status: "ok", db: "ok" });
    expect(second.output()).toContain("database schema is up to date");
    expect((await chat({ query: "And 1 + 1?", session_id })).answer).toContain("2");
    const detail = await (
      await fetch(`${base}/api/agents/assistant/sessions/${session_id}`, { headers: { "X-API-Key": serviceKey, Connection: "close" } })
    ).json();
    expect(detail.messages.map((m: { text: string }) => m.text)).toEqual([
      "What is 20 + 22?",
      expect.stringContaining("42"),
      "And 1 + 1?",
      expect.stringContaining("2"),
    ]);
    second.child.kill("SIGTERM");
    await second.exited;
    expect(await readFile(path.join(dir, "auth-secret"), "utf8")).toBe(secret);
  });
});
