import "server-only";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  LoggingLevelSchema,
  McpError,
  SetLevelRequestSchema,
  type CallToolResult,
  type LoggingLevel,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { answerPhaseOf, phasesOf, type AgentConfig } from "@/lib/agent/config";
import { paramsSchema } from "@/lib/agent/params";
import type { Caller } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { publicError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { limitChat } from "@/lib/http/rate-limit";
import { querySchema, sessionIdSchema } from "@/lib/runs/request";
import { outcomeReader } from "@/lib/runs/outcome";
import { followEvents, followOutcome, startRun } from "@/lib/runs/service";
import { runtime } from "@/lib/runs/runtime";
import { VERSION } from "@/lib/version";
import { mcpNotes } from "./progress";

const log = logger.child({ door: "mcp" });

/** A tool's arguments: the question, a stored session to continue, the agent's params. */
const argumentsSchema = (agent: AgentConfig) =>
  z.strictObject({
    query: querySchema.describe("The question or task for the agent."),
    session_id: sessionIdSchema
      .optional()
      .describe("Continue this stored session (a previous result's _meta.session_id) instead of starting a new one."),
    params: paramsSchema(agent).optional().describe("The agent's params; defaults apply to those left out."),
  });

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  return rest as { type: "object"; [key: string]: unknown };
};

/** The answer phase's output schema, when it describes an object: MCP structured content must be one. */
function outputSchemaOf(agent: AgentConfig) {
  const schema = answerPhaseOf(agent).output?.schema as { type?: unknown } | undefined;
  return schema?.type === "object" ? (schema as { type: "object"; [key: string]: unknown }) : undefined;
}

function toolOf(agent: AgentConfig) {
  const outputSchema = outputSchemaOf(agent);
  return {
    name: agent.name,
    title: agent.icon ? `${agent.icon} ${agent.name}` : agent.name,
    description: agent.description ?? `The ${agent.name} agent.`,
    inputSchema: jsonSchema(argumentsSchema(agent)),
    ...(outputSchema && { outputSchema }),
  };
}

const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: "text", text }] });

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
type Arguments = z.infer<ReturnType<typeof argumentsSchema>>;
/** What the client asked to hear: progress (with its token), and log messages at `info` (unless it set a higher level). */
type Notify = { progressToken?: string | number; logs: boolean };

const LEVELS = LoggingLevelSchema.options;

/**
 * An MCP server whose tools are the agents, for one caller. A call is a run like any other
 * (stored, limited, visible to admins); while it runs the client gets progress and thinking, and
 * cancelling the request cancels the run. Whatever stops a call that was asked correctly (bad
 * arguments, a rate limit, a failed run) is the tool's error result, which the client's model can
 * read. `busy` wraps each call, so its session is not closed as idle while it runs.
 */
export function agentsServer(caller: Caller, busy: <T>(call: Promise<T>) => Promise<T>) {
  const server = new Server({ name: "agent-studio", version: VERSION }, { capabilities: { tools: {}, logging: {} } });
  // The SDK's own handler keeps the level where only its private check can read it.
  let minimum: LoggingLevel = "debug";
  server.setRequestHandler(SetLevelRequestSchema, async ({ params }) => {
    minimum = params.level;
    return {};
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...(await runtime().agents()).agents.values()].map((a) => toolOf(a.config)),
  }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params: { name, arguments: args, _meta: asked } }, extra) => {
    const agent = (await runtime().agents()).agents.get(name);
    if (!agent) throw new McpError(ErrorCode.InvalidParams, `No agent named "${name}".`);
    const parsed = argumentsSchema(agent.config).safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return failed(`${issue.path.join(".") || "arguments"}: ${issue.message}`);
    }
    const notify = { progressToken: asked?.progressToken, logs: LEVELS.indexOf("info") >= LEVELS.indexOf(minimum) };
    return busy(callAgent(caller, agent.config, parsed.data, extra, notify)).catch((error: unknown) => {
      if (!AppError.isInstance(error)) log.error({ err: error, agent: name }, "MCP tool call failed");
      return failed(publicError(error).message);
    });
  });
  return server;
}

async function callAgent(caller: Caller, config: AgentConfig, args: Arguments, extra: Extra, notify: Notify): Promise<CallToolResult> {
  await limitChat(caller.id);
  const { query, session_id, params } = args;
  const started = await startRun({ agent: config.name, caller, query, sessionId: session_id, params, cancelWith: extra.signal });
  const ids = { session_id: started.sessionId, run_id: started.runId };
  // Where the run is stored, first: a client that loses the connection can still read it (GET /api/runs/{id}/events).
  if (notify.logs) await extra.sendNotification({ method: "notifications/message", params: { level: "info", logger: "run", data: ids } });
  const notesOf = mcpNotes(phasesOf(config).length);
  const reader = outcomeReader();
  for await (const batch of followEvents(started.runId, 0, extra.signal)) {
    for (const event of batch) reader.read(event);
    for (const note of notesOf(batch)) {
      if (note.type === "progress" && notify.progressToken !== undefined) {
        const { progress, total, message } = note;
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken: notify.progressToken, progress, total, message },
        });
      } else if (note.type === "thinking" && notify.logs) {
        await extra.sendNotification({ method: "notifications/message", params: { level: "info", logger: "thinking", data: note.text } });
      }
    }
  }
  // A cancelled call stops following before the run has ended: its end is read from the log.
  const outcome = reader.outcome ?? (await followOutcome(started.runId));
  // The session's id as text too: hosts show their model the content, not `_meta`.
  const session = { type: "text" as const, text: `session_id: ${ids.session_id} (pass it to continue this conversation)` };
  if (outcome.error)
    return { isError: true, content: [{ type: "text", text: `${outcome.error.code}: ${outcome.error.message}` }, session], _meta: ids };
  // The answer phase's object, as JSON text too: for clients that read text only.
  const output = answerPhaseOf(config).output;
  const object = output && outcome.outputs[output.name];
  const text = output ? JSON.stringify(object) : outcome.text;
  const structured = outputSchemaOf(config) && { structuredContent: object as Record<string, unknown> };
  return { content: [{ type: "text", text }, session], ...structured, _meta: ids };
}
