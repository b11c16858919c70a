import "server-only";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { isHttpServer, publicServerInfo, type McpServerConfig } from "./config";
import { messageOf } from "../errors";
import { connectSession, createSession, describe, requestError, type Session } from "./session";
import { ToolCache } from "./tool-cache";
import { isConnectionLost } from "./transport";
import type { McpCallOptions, McpCallResult, McpPoolOptions, McpServerStatus, McpToolInfo } from "./types";

/** One MCP server: a client connected on first use, reused, and replaced on the next use after it is lost. */
export class McpConnection {
  private state: McpServerStatus["state"] = "idle";
  private error?: string;
  private live?: Session;
  private connecting?: Promise<Session>;
  private readonly retiring = new Set<Promise<void>>();
  private readonly tools: ToolCache;

  /** Why this server cannot be used on this host at all, if it cannot. */
  private readonly unavailable?: string;

  constructor(
    private readonly name: string,
    private readonly config: McpServerConfig,
    private readonly options: McpPoolOptions,
  ) {
    this.tools = new ToolCache(options.toolsTtlMs);
    if (options.serverless && !isHttpServer(config)) {
      this.unavailable = `MCP server ${name} is a stdio server, which cannot run in serverless functions: serve it over Streamable HTTP (a "url" in mcp.json) to use it here.`;
      this.state = "unavailable";
      this.error = this.unavailable;
    }
  }

  status(): McpServerStatus {
    return {
      ...publicServerInfo(this.name, this.config),
      state: this.state,
      ...(this.error && { error: this.error }),
      ...(this.tools.count !== undefined && { toolCount: this.tools.count }),
    };
  }

  async listTools(): Promise<McpToolInfo[]> {
    if (this.unavailable) throw new Error(this.unavailable);
    const cached = this.tools.fresh();
    if (cached) return cached;
    const shared = await this.options.shared?.get(this.name);
    if (shared) {
      this.tools.adopt(shared.tools, shared.expiresAt);
      return shared.tools;
    }
    const session = await this.session();
    const timeout = this.options.callTimeoutMs;
    try {
      const list = await this.tools.refresh(async () => {
        const list: McpToolInfo[] = [];
        let cursor: string | undefined;
        do {
          const page = await session.client.listTools(cursor === undefined ? undefined : { cursor }, { timeout });
          list.push(
            ...page.tools.map(({ name, description, inputSchema, annotations }) => ({ name, description, inputSchema, annotations })),
          );
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return list;
      });
      if (this.tools.fresh()) await this.options.shared?.set(this.name, list, this.options.toolsTtlMs);
      return list;
    } catch (error) {
      throw requestError(error, session, { server: this.name, what: "tools/list", timeoutMs: timeout });
    }
  }

  async callTool(tool: string, args: Record<string, unknown>, options: McpCallOptions = {}): Promise<McpCallResult> {
    const { signal, timeoutMs = this.options.callTimeoutMs, onProgress } = options;
    const session = await this.session();
    try {
      const result = await session.client.callTool({ name: tool, arguments: args }, undefined, {
        signal,
        timeout: timeoutMs,
        // A server reporting progress is still working: each report restarts the timeout.
        resetTimeoutOnProgress: true,
        onprogress:
          onProgress &&
          (({ progress, total, message }) =>
            onProgress({ progress, ...(total !== undefined && { total }), ...(message !== undefined && { message }) })),
      });
      // Typed as possibly the pre-2024-11 `toolResult` shape, which the default result schema never yields.
      const content = Array.isArray(result.content) ? result.content : [];
      return { content, isError: result.isError === true, structuredContent: result.structuredContent };
    } catch (error) {
      throw requestError(error, session, { server: this.name, what: `tool ${tool}`, timeoutMs, signal });
    }
  }

  async reconnect() {
    await this.close();
    await this.session();
  }

  async close() {
    await this.connecting?.catch(() => {});
    const live = this.live;
    this.live = undefined;
    if (live) void this.retire(live, "the connection was closed by Agent Studio");
    // Before waiting: a call meanwhile starts a new connection, with its own state.
    this.state = this.unavailable ? "unavailable" : "idle";
    this.error = this.unavailable;
    await Promise.all(this.retiring);
  }

  /** The connected session; concurrent first uses share one attempt. */
  private async session(): Promise<Session> {
    if (this.unavailable) throw new Error(this.unavailable);
    if (this.live) return this.live;
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Session> {
    this.state = "connecting";
    let session: Session;
    try {
      session = createSession(this.config);
    } catch (error) {
      throw this.fail(undefined, `Could not connect to MCP server ${this.name}: ${messageOf(error)}`);
    }
    this.watch(session);
    try {
      await connectSession(session, this.name, this.options.connectTimeoutMs);
    } catch (error) {
      // Not awaited: stopping a stuck process takes seconds; close() waits for it.
      void this.retire(session, "it failed to connect");
      throw this.fail(session, messageOf(error));
    }
    this.tools.clear();
    this.live = session;
    this.state = "connected";
    this.error = undefined;
    return session;
  }

  private watch(session: Session) {
    const { client, transport } = session;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      this.tools.stale();
      void this.options.shared?.drop(this.name);
    });
    // Set before connect(): the SDK calls these, then its own (which reject the calls in flight on close).
    // Only a stdio transport closes unasked, when its process exits.
    transport.onclose = () => this.lose(session, "the server process exited");
    transport.onerror = (error) => {
      if (isConnectionLost(error)) this.lose(session, messageOf(error));
    };
  }

  /** The server is gone: its calls in flight fail now, and the next use reconnects. */
  private lose(session: Session, reason: string) {
    if (session.lost) return;
    session.lost = reason;
    if (this.live !== session) return;
    this.live = undefined;
    this.fail(session, `MCP server ${this.name} disconnected: ${reason}`);
    void this.retire(session, reason);
  }

  private retire(session: Session, reason: string) {
    session.lost ??= reason;
    const closing: Promise<void> = session.client
      .close()
      .catch(() => {})
      .finally(() => this.retiring.delete(closing));
    this.retiring.add(closing);
    return closing;
  }

  private fail(session: Session | undefined, message: string) {
    this.state = "error";
    this.error = describe(session, message);
    return new Error(this.error);
  }
}
