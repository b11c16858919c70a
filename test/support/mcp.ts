import { execFile, spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@/test/support/ports";
import { promisify } from "node:util";
import { expect } from "vitest";
import { loadMcpConfig, type McpServerConfig, type StdioServerConfig } from "@/lib/tools/mcp/config";
import type { McpPoolOptions } from "@/lib/tools/mcp/pool";

export const POOL_OPTIONS: McpPoolOptions = { connectTimeoutMs: 15_000, callTimeoutMs: 30_000, toolsTtlMs: 60_000 };

const EVERYTHING_ENTRY = "node_modules/@modelcontextprotocol/server-everything/dist/index.js";

/** The project's own `mcp.json`, which must load cleanly. */
export async function projectServers(): Promise<Record<string, McpServerConfig>> {
  const { servers, errors } = await loadMcpConfig("mcp.json");
  expect(errors).toEqual([]);
  return servers;
}

/** A stdio server that runs `script` (an ES module) on the app's Node, from the project root. */
export function nodeScript(script: string, env?: Record<string, string>): StdioServerConfig {
  return { command: "node", args: ["--input-type=module", "-e", script], env };
}

/** A server whose `grow` tool registers one more tool, which makes it send tools/list_changed. */
export const GROWING_SERVER = nodeScript(`
  import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
  import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
  const server = new McpServer({ name: "growing", version: "1.0.0" });
  let grown = 0;
  server.registerTool("grow", { description: "Adds a tool" }, async () => {
    grown += 1;
    server.registerTool("added-" + grown, { description: "Added by grow" }, async () => ({ content: [] }));
    return { content: [{ type: "text", text: "added-" + grown }] };
  });
  await server.connect(new StdioServerTransport());
`);

/** Process ids of this test process's children: the MCP servers it started. */
export async function childPids(): Promise<number[]> {
  try {
    const { stdout } = await promisify(execFile)("pgrep", ["-P", String(process.pid)]);
    return stdout.split("\n").filter(Boolean).map(Number);
  } catch (error) {
    // pgrep exits 1 when nothing matches.
    if (error instanceof Error && "code" in error && error.code === 1) return [];
    throw error;
  }
}

export type HttpServer = { url: string; port: number; child: ChildProcess; stop: () => Promise<void> };

/** server-everything in Streamable HTTP mode (it reads its port from PORT), once it listens. */
export async function startHttpEverything(port?: number, timeoutMs = 15_000): Promise<HttpServer> {
  port ??= await freePort();
  const child = spawn(process.execPath, [EVERYTHING_ENTRY, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not listen within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`listening on port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`server-everything exited with ${code}:\n${stderr}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}/mcp`, port, child, stop };
}

/** How `promise` settled, and when (in `performance.now()` time). */
export async function settled<T>(promise: Promise<T>) {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return { ...outcome, at: performance.now() };
}

/** An `onProgress` that acts on the first report only: the call is then surely in flight on the server. */
export function onFirstProgress(act: () => void) {
  let done = false;
  return () => {
    if (!done) act();
    done = true;
  };
}
