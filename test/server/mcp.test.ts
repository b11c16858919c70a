import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LoggingMessageNotificationSchema, McpError, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { startProductionServer, waitUntilServing, type Server } from "@/test/support/servers";

// The agents as MCP tools at /api/mcp, used by the MCP SDK's own client over Streamable HTTP
// against the production build, on the demo model.
const KEY = "mcp-door-test-key-0123456789abcdef";
let database: TestDatabase;
let server: Server;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createDatabase(process.env.TEST_POSTGRES_URL || undefined, "mcp");
  server = await startProductionServer({
    DATABASE_URL: database.url,
    AUTH_SECRET: "mcp-door-test-secret-0123456789abcdef",
    API_KEYS: KEY,
    DEMO_TOKEN_DELAY_MS: "5",
    MCP_SESSIONS_PER_USER: "3",
  });
  await waitUntilServing(server);
}, 90_000);

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function connect(key: string | null = KEY) {
  const client = new Client({ name: "mcp-test", version: "1.0.0" });
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers } }));
  clients.push(client);
  return client;
}

async function sessionOf(agent: string, id: string) {
  const response = await fetch(`${server.url}/api/agents/${agent}/sessions/${id}`, { headers: { Authorization: `Bearer ${KEY}` } });
  return (await response.json()) as { runs: { id: string; status: string }[]; messages: { role: string; text: string }[] };
}

type Meta = { session_id: string; run_id: string };

describe("/api/mcp (production build, MCP SDK client over Streamable HTTP)", () => {
  it("lists every agent as a tool: its description, the arguments it takes, and its output schema when it has one", async () => {
    const { tools } = await (await connect()).listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
    const analyst = tools.find((tool) => tool.name === "country-analyst")!;
    expect(analyst.description).toContain("CountryReport");
    expect(analyst.inputSchema).toMatchObject({
      type: "object",
      required: ["query"],
      properties: { query: { type: "string" }, session_id: { type: "string" }, params: { properties: { country: { default: "ES" } } } },
    });
    expect(analyst.outputSchema).toMatchObject({ type: "object", required: expect.arrayContaining(["country", "capital"]) });
    expect(tools.find((tool) => tool.name === "assistant")!.outputSchema).toBeUndefined();
  });

  it("a call runs the agent: progress through its phases and tool calls, thinking as log messages, the report as structured content", async () => {
    const client = await connect();
    const logs: { logger?: string; data: unknown }[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, ({ params: { logger, data } }) => void logs.push({ logger, data }));
    const progress: Progress[] = [];
    const result = await client.callTool({ name: "country-analyst", arguments: { query: "Tell me about Portugal" } }, undefined, {
      onprogress: (step) => void progress.push(step),
    });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ country: "Portugal", capital: "Lisbon" });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toEqual(result.structuredContent);
    expect(progress.map((step) => step.progress)).toEqual([...progress.map((step) => step.progress)].sort((a, b) => a - b));
    expect(new Set(progress.map((step) => step.progress)).size).toBe(progress.length);
    expect(progress.at(-1)).toMatchObject({ progress: 2, total: 2, message: "Writing the report: done (2/2)" });
    expect(progress.map((step) => step.message)).toContain("Gathering facts: calling get_country_info");
    const meta = result._meta as Meta;
    // Where the run is stored comes first; then the model's thinking.
    expect(logs[0]).toEqual({ logger: "run", data: meta });
    expect(
      logs
        .filter((log) => log.logger === "thinking")
        .map((log) => log.data)
        .join(""),
    ).not.toBe("");
    expect((result.content as { text: string }[])[1]!.text).toContain(`session_id: ${meta.session_id}`);

    const stored = await sessionOf("country-analyst", meta.session_id);
    expect(stored.runs).toEqual([expect.objectContaining({ id: meta.run_id, status: "SUCCEEDED" })]);
  });

  it("a client that sets its log level above info gets no log messages, only the result", async () => {
    const client = await connect();
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (note) => void logs.push(note.params));
    await client.setLoggingLevel("warning");
    const result = await client.callTool({ name: "assistant", arguments: { query: "What is 6 * 7?" } });
    expect((result.content as { text: string }[])[0]!.text).toContain("42");
    expect(logs).toEqual([]);
  });

  it("a user holds MCP_SESSIONS_PER_USER sessions at most: one more closes their least recently used", async () => {
    const first = await connect();
    for (let i = 0; i < 3; i++) await connect();
    const closed = await first.listTools().catch((error: unknown) => error);
    expect(closed).toBeInstanceOf(StreamableHTTPError);
    expect(closed).toMatchObject({ code: 404 });
  });

  it("session_id continues a stored session", async () => {
    const client = await connect();
    const first = await client.callTool({ name: "assistant", arguments: { query: "What is 6 * 7?" } });
    const { session_id } = first._meta as Meta;
    const second = await client.callTool({ name: "assistant", arguments: { query: "And 2 + 2?", session_id } });
    expect((second._meta as Meta).session_id).toBe(session_id);
    expect((await sessionOf("assistant", session_id)).messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
  });

  it("cancelling the request (notifications/cancelled) cancels the run", async () => {
    const client = await connect();
    const controller = new AbortController();
    let runStarted!: () => void;
    const started = new Promise<void>((resolve) => (runStarted = resolve));
    const call = client
      .callTool({ name: "country-analyst", arguments: { query: "Tell me about Japan" } }, undefined, {
        signal: controller.signal,
        onprogress: () => runStarted(),
      })
      .catch((error: unknown) => error);
    await started;
    controller.abort("changed my mind");
    expect(await call).toBeInstanceOf(Error);

    const sessions = await fetch(`${server.url}/api/agents/country-analyst/sessions`, { headers: { Authorization: `Bearer ${KEY}` } });
    const latest = (await sessions.json()).sessions[0] as { id: string };
    const deadline = Date.now() + 10_000;
    let status = (await sessionOf("country-analyst", latest.id)).runs[0]!.status;
    while (status === "RUNNING" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await sessionOf("country-analyst", latest.id)).runs[0]!.status;
    }
    expect(status).toBe("CANCELLED");
  });

  it("arguments it cannot use are the tool's error result; an unknown tool is a protocol error", async () => {
    const client = await connect();
    const empty = await client.callTool({ name: "assistant", arguments: { query: "   " } });
    expect(empty).toMatchObject({ isError: true, content: [{ type: "text", text: "query: must not be empty" }] });
    const badParam = await client.callTool({ name: "country-analyst", arguments: { query: "Hi", params: { country: 3 } } });
    expect(badParam).toMatchObject({ isError: true, content: [{ text: expect.stringContaining("params.country") }] });
    const strange = await client.callTool({ name: "assistant", arguments: { query: "Hi", session_id: "not a session" } });
    expect(strange).toMatchObject({ isError: true, content: [{ text: "session_id: is not a session id" }] });
    const unknown = await client.callTool({ name: "gpt-5", arguments: { query: "Hi" } }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(McpError);
    expect((unknown as McpError).message).toContain('No agent named "gpt-5"');
  });

  it("without a valid API key: 401 with a message that says what to send", async () => {
    for (const key of [null, "as_not-a-key-000000000000000000000"]) {
      const refused = await connect(key).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StreamableHTTPError);
      expect(refused).toMatchObject({ code: 401 });
      expect((refused as Error).message).toMatch(key ? /Invalid, revoked or expired API key/ : /Authorization: Bearer <key>/);
    }
  });

  it("a session id it does not know is a 404, so a client starts over", async () => {
    const response = await fetch(`${server.url}/api/mcp`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${KEY}`,
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        "Mcp-Session-Id": "5d0b1a8e-0000-4000-8000-000000000000",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("Session not found") } });
  });
});
