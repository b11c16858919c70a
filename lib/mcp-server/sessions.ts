import "server-only";
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Caller } from "@/lib/db/users";
import { env } from "@/lib/env";
import { agentsServer } from "./agents-server";

type Session = { transport: WebStandardStreamableHTTPServerTransport; callerId: string; seen: number };

// MCP sessions are stateful (a cancel names a request of its session), so they live where they
// were opened: one instance, or one behind a load balancer that keeps a session to its instance.
const globalForMcp = globalThis as { agentStudioMcpSessions?: Map<string, Session> };
const sessions = (globalForMcp.agentStudioMcpSessions ??= new Map());

/**
 * `/api/mcp` (Streamable HTTP) for an authenticated caller: a request without `Mcp-Session-Id`
 * may open a session (initialize); the others go to their session, which only its opener may use.
 * An unknown, expired or foreign session is a 404, after which MCP clients start a new one.
 */
export async function handleMcpRequest(request: Request, caller: Caller): Promise<Response> {
  closeIdleSessions();
  const id = request.headers.get("mcp-session-id");
  if (id !== null) {
    const session = sessions.get(id);
    if (!session || session.callerId !== caller.id) return sessionNotFound();
    session.seen = Date.now();
    return session.transport.handleRequest(request);
  }
  const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    onsessioninitialized: (opened) => void sessions.set(opened, { transport, callerId: caller.id, seen: Date.now() }),
    onsessionclosed: (closed) => void sessions.delete(closed),
    maxRequestBodySize: env.BODY_LIMIT_BYTES,
  });
  await agentsServer(caller).connect(transport);
  return transport.handleRequest(request);
}

function closeIdleSessions() {
  const idleSince = Date.now() - env.MCP_SESSION_IDLE_MIN * 60_000;
  for (const [id, session] of sessions) {
    if (session.seen >= idleSince) continue;
    sessions.delete(id);
    void session.transport.close();
  }
}

const sessionNotFound = () =>
  Response.json(
    {
      jsonrpc: "2.0",
      error: { code: -32001, message: "Session not found: it expired or belongs to another key. Initialize a new one." },
      id: null,
    },
    { status: 404 },
  );
