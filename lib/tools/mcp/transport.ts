import "server-only";
import path from "node:path";
import type { Stream } from "node:stream";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { z } from "zod";
import { isHttpServer, substituteVariables, type HttpServerConfig, type McpServerConfig, type StdioServerConfig } from "./config";

const STDERR_LINES = 10;
const STDERR_LINE_CHARS = 500;
// Shorter values are not worth hiding: masking every "1" or "true" would garble messages.
const SECRET_MIN_CHARS = 6;

export type ServerTransport = {
  transport: Transport;
  /** The last lines the server wrote to stderr (stdio only), to explain a failure. */
  stderr: () => string;
  /** Resolved env and header values, kept out of error messages. */
  secrets: string[];
};

/** Reads `stream` to its end, keeping only the last lines: the server's output stays out of the app's. */
function tail(stream: Stream | null): () => string {
  let lines: string[] = [];
  let partial = "";
  stream?.on("data", (chunk: Buffer) => {
    const parts = (partial + chunk.toString("utf8")).split(/\r?\n/);
    partial = (parts.pop() ?? "").slice(-STDERR_LINE_CHARS);
    lines = [...lines, ...parts.filter(Boolean).map((line) => line.slice(0, STDERR_LINE_CHARS))].slice(-STDERR_LINES);
  });
  return () => [...lines, partial].filter(Boolean).slice(-STDERR_LINES).join("\n");
}

function secretsOf(values: Record<string, string>) {
  return Object.values(values).filter((value) => value.length >= SECRET_MIN_CHARS);
}

function stdioTransport(config: StdioServerConfig): ServerTransport {
  const env = substituteVariables(config.env, "env");
  const transport = new StdioClientTransport({
    // "node" means the app's own Node (24, from the `node` devDependency), not whichever is first on PATH.
    command: config.command === "node" ? process.execPath : config.command,
    args: config.args,
    // The SDK adds only PATH, HOME and the like: the app's own secrets stay out of the server's environment.
    env,
    // Relative to the project root; so are relative paths in `args` when there is no `cwd`.
    // Resolved at run time from mcp.json, so the build must not trace it (turbopackIgnore).
    cwd: path.resolve(/*turbopackIgnore: true*/ config.cwd ?? "."),
    stderr: "pipe",
  });
  return { transport, stderr: tail(transport.stderr), secrets: secretsOf(env) };
}

function httpTransport(config: HttpServerConfig): ServerTransport {
  const headers = substituteVariables(config.headers, "headers");
  const transport = new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers } });
  return { transport, stderr: () => "", secrets: secretsOf(headers) };
}

/** A new, unstarted transport; throws if an `${VAR}` it uses is not set. */
export function createTransport(config: McpServerConfig): ServerTransport {
  return isHttpServer(config) ? httpTransport(config) : stdioTransport(config);
}

/**
 * Whether a transport error means the connection is gone. A malformed message or an HTTP error status
 * comes from a live server and fails only its own request, except 404: the server no longer knows the
 * session, and the spec says to start a new one. Anything else (network failure, broken stream or
 * pipe) means it too, and the SDK would leave the calls in flight waiting for their timeout.
 */
export function isConnectionLost(error: Error) {
  if (error instanceof StreamableHTTPError) return error.code === 404;
  return !(error instanceof SyntaxError || error instanceof z.ZodError);
}
