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
      const response = await fetch(url);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} never answered 200`);
}

describe("npm start with no configuration", () => {
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

  it("starts on the embedded database, migrated, and keeps data and secret across restarts", async () => {
    expect(existsSync(".next/BUILD_ID"), "run `npm run build` first").toBe(true);
    const env = { PGLITE_DATA_DIR: path.join(dir, "pglite"), PGLITE_PORT: String(await freePort()) };
    const port = String(await freePort());
    const health = `http://127.0.0.1:${port}/api/health`;

    const first = launch(["start", "-p", port, "-H", "127.0.0.1"], env);
    expect(await waitForHealth(health, first.child)).toEqual({ status: "ok", db: "ok" });
    expect(first.output()).toContain("Applied pending database migrations.");
    first.child.kill("SIGTERM");
    await first.exited;
    const secret = await readFile(path.join(dir, "auth-secret"), "utf8");
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const second = launch(["start", "-p", port, "-H", "127.0.0.1"], env);
    expect(await waitForHealth(health, second.child)).toEqual({ status: "ok", db: "ok" });
    expect(second.output()).not.toContain("Applied pending database migrations.");
    second.child.kill("SIGTERM");
    await second.exited;
    expect(await readFile(path.join(dir, "auth-secret"), "utf8")).toBe(secret);
  });
});
