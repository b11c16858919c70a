/**
 * The servers under test, each its own process on this Node, output to a log file. Every one
 * started is remembered so that `stopAll` (on success, error or ctrl-C) leaves nothing behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { transform } from "esbuild";

export type Server = { pid: number; url: string; stop: () => Promise<void> };

const running = new Set<Server>();

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const tail = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n").slice(-20).join("\n");

const COMPILED = path.join(import.meta.dirname, "../../node_modules/.cache/agent-studio-bench");

/**
 * A self-contained TypeScript server (no relative imports) as plain JavaScript, for `node` to run
 * as it would run any small JS server: under tsx, or Node's own type stripping, its RSS would carry
 * the TypeScript machinery too (~17 MB for Node's). Written under node_modules, so its package
 * imports resolve as the source's do.
 */
export async function compiled(file: string) {
  const { code } = await transform(await readFile(file, "utf8"), { loader: "ts", format: "esm", target: "node22" });
  const out = path.join(COMPILED, `${path.basename(file, ".ts")}.mjs`);
  await mkdir(COMPILED, { recursive: true });
  await writeFile(out, code);
  return out;
}

/** Starts `node <args>` and waits (up to 2 min) until GET `url` + `health` answers 200. */
export async function startServer(options: {
  name: string;
  args: string[];
  url: string;
  health: string;
  logDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}): Promise<Server> {
  const log = path.join(options.logDir, `${options.name}.log`);
  const output = openSync(log, "a");
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", output, output],
  });
  closeSync(output); // the child has its own
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: Server = {
    pid: child.pid!,
    url: options.url,
    async stop() {
      running.delete(server);
      if (exited(child)) return;
      child.kill("SIGTERM");
      // A graceful shutdown gets 15 s; then it is killed.
      if ((await Promise.race([gone.then(() => true), sleep(15_000, false)])) === false) child.kill("SIGKILL");
      await gone;
    },
  };
  running.add(server);
  for (let attempt = 0; attempt < 480; attempt++) {
    if (exited(child)) throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}):\n${tail(log)}`);
    const status = await fetch(options.url + options.health, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return server;
    await sleep(250);
  }
  throw new Error(`${options.name} did not answer ${options.url}${options.health} within 2 minutes; see ${log}`);
}

/** Stops every server still running, the last started first (the stub outlives what relays it). */
export async function stopAll() {
  for (const server of [...running].reverse()) await server.stop();
}
