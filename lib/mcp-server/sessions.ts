import "server-only";
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Caller } from "@/lib/db/users";
import { env } from "@/lib/env";
import { agentsServer } from "./agents-server";

type Session = { transport: WebStandardStreamableHTTPServerTransport; callerId: string; seen: number; calls: number };

// MCP sessions are stateful (a cancel names a request of its session), so they live where they
// were opened: one instance, or one behind a load balancer that keeps a session to its instance.
const globalForMcp = globalThis as { agentStudioMcpSessions?: Map<string, Session>; agentStudioMcpSweep?: NodeJS.Timeout };
const sessions = (globalForMcp.agentStudioMcpSessions ??= new Map());
const SWEEP_MS = 60_000;
(globalForMcp.agentStudioMcpSweep ??= setInterval(closeIdleSessions, SWEEP_MS)).unref();

/**
 * `/api/mcp` (Streamable HTTP) for an authenticated caller: a request without `Mcp-Session-Id`
 * may open a session (initialize); the others go to their session, which only its opener may use.
 * An unknown, expired or foreign session is a 404, after which MCP clients start a new one.
 */
export async function handleMcpRequest(request: Request, caller: Caller): Promise<Response> {
  const id = request.headers.get("mcp-session-id");
  if (id !== null) {
    const session = sessions.get(id);
    if (!session || session.callerId !== caller.id) return sessionNotFound();
    session.seen = Date.now();
    return session.transport.handleRequest(request);
  }
  const session: Session = {
    transport: new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (opened) => open(opened, session),
      onsessionclosed: (closed) => void sessions.delete(closed),
      maxRequestBodySize: env.BODY_LIMIT_BYTES,
    }),
    callerId: caller.id,
    seen: Date.now(),
    calls: 0,
  };
  const busy = <T>(call: Promise<T>) => {
    session.calls += 1;
    return call.finally(() => (session.calls -= 1));
  };
  await agentsServer(caller, busy).connect(session.transport);
  return session.transport.handleRequest(request);
}

/** A caller holds MCP_SESSIONS_PER_USER at most: opening one more closes their least recently used. */
function open(id: string, session: Session) {
  const theirs = [...sessions].filter(([, other]) => other.callerId === session.callerId).sort(([, a], [, b]) => a.seen - b.seen);
  for (const [oldest, other] of theirs.slice(0, Math.max(0, theirs.length + 1 - env.MCP_SESSIONS_PER_USER))) close(oldest, other);
  sessions.set(id, session);
}

/** Sessions unused for MCP_SESSION_IDLE_MIN are closed, unless a call of theirs is still running. */
function closeIdleSessions() {
  const idleSince = Date.now() - env.MCP_SESSION_IDLE_MIN * 60_000;
  for (const [id, session] of sessions) if (session.seen < idleSince && session.calls === 0) close(id, session);
}

function close(id: string, session: Session) {
  sessions.delete(id);
  void session.transport.close();
}

const sessionNotFound = () =>
  Response.json(
    {
      jsonrpc: "2.0",
      error: { code: -32001, message: "Session not found: it expired, or was opened by another user. Initialize a new one." },
      id: null,
    },
    { status: 404 },
  );
