import "server-only";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { answerPhaseOf, phasesOf, type AgentConfig } from "@/lib/agent/config";
import { paramsSchema } from "@/lib/agent/params";
import type { Caller } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { limitChat } from "@/lib/http/rate-limit";
import { querySchema, sessionIdSchema } from "@/lib/http/schemas";
import { followEvents, startRun } from "@/lib/runs/service";
import { getRuntime } from "@/lib/runs/runtime";
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

/**
 * An MCP server whose tools are the agents, for one caller. A call is a run like any other
 * (stored, limited, visible to admins); while it runs the client gets progress and thinking, and
 * cancelling the request cancels the run. Whatever stops a call that was asked correctly (bad
 * arguments, a rate limit, a failed run) is the tool's error result, which the client's model can read.
 */
export function agentsServer(caller: Caller) {
  const server = new Server({ name: "agent-studio", version: VERSION }, { capabilities: { tools: {}, logging: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [...(await getRuntime()).agents.values()].map((a) => toolOf(a.config)),
  }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params: { name, arguments: args, _meta: asked } }, extra) => {
    const agent = (await getRuntime()).agents.get(name);
    if (!agent) throw new McpError(ErrorCode.InvalidParams, `No agent named "${name}".`);
    const { config } = agent;
    const parsed = argumentsSchema(config).safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return failed(`${issue.path.join(".") || "arguments"}: ${issue.message}`);
    }
    try {
      await limitChat(caller.id);
      const { query, session_id: sessionId, params } = parsed.data;
      const {
        runId,
        sessionId: session,
        finished,
      } = await startRun({ agent: name, caller, query, sessionId, params, cancelWith: extra.signal });
      const notesOf = mcpNotes(phasesOf(config).length);
      const progressToken = asked?.progressToken;
      for await (const batch of followEvents(runId, 0, extra.signal)) {
        for (const note of notesOf(batch)) {
          if (note.type === "thinking")
            await extra.sendNotification({
              method: "notifications/message",
              params: { level: "info", logger: "thinking", data: note.text },
            });
          else if (progressToken !== undefined) {
            const { progress, total, message } = note;
            await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress, total, message } });
          }
        }
      }
      const outcome = await finished;
      const _meta = { session_id: session, run_id: runId };
      if (outcome.error) return { ...failed(`${outcome.error.code}: ${outcome.error.message}`), _meta };
      // The answer phase's object, as JSON text too: for clients that read text only.
      const output = answerPhaseOf(config).output;
      const object = output && outcome.outputs[output.name];
      const text = output ? JSON.stringify(object) : outcome.text;
      const structured = outputSchemaOf(config) && { structuredContent: object as Record<string, unknown> };
      return { content: [{ type: "text", text }], ...structured, _meta };
    } catch (error) {
      if (AppError.isInstance(error)) return failed(error.message);
      log.error({ err: error, agent: name }, "MCP tool call failed");
      return failed("Something went wrong on our side.");
    }
  });
  return server;
}
