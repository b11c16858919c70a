import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { McpServerConfig } from "./config";
import { messageOf, redact } from "../errors";
import { createTransport, type ServerTransport } from "./transport";

const CLIENT_INFO = { name: "agent-studio", version: "0.1.0" };

/** One connection to a server; `lost` says why it ended. */
export type Session = ServerTransport & { client: Client; lost?: string };

/** A new, unconnected session; throws if an `${VAR}` it uses is not set. */
export function createSession(config: McpServerConfig): Session {
  return { ...createTransport(config), client: new Client(CLIENT_INFO) };
}

/** Starts the server or opens the connection, and initializes; rejects saying why it could not. */
export async function connectSession(session: Session, name: string, timeoutMs: number) {
  const failed = `Could not connect to MCP server ${name}`;
  const connected = session.client.connect(session.transport).catch((error: unknown) => {
    throw new Error(`${failed}: ${messageOf(error)}`);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${failed} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([connected, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `message` with the server's last stderr lines, and without its secrets. */
export function describe(session: Session | undefined, message: string) {
  const stderr = session?.stderr();
  return redact(stderr ? `${message}\nLast lines of its stderr:\n${stderr}` : message, session?.secrets ?? []);
}

type FailedRequest = { server: string; what: string; timeoutMs: number; signal?: AbortSignal };

/** What the caller of a failed request gets: a cancellation as the signal's reason, anything else naming the server. */
export function requestError(error: unknown, session: Session, { server, what, timeoutMs, signal }: FailedRequest) {
  if (signal?.aborted) return signal.reason;
  if (session.lost) return new Error(describe(session, `MCP server ${server}: connection lost during ${what}: ${session.lost}`));
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return new Error(`MCP server ${server}: ${what} timed out after ${timeoutMs} ms`);
  }
  return new Error(redact(`MCP server ${server}: ${what} failed: ${messageOf(error)}`, session.secrets));
}
