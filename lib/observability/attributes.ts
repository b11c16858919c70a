/**
 * Span attribute names. Where OpenTelemetry's semantic conventions have one (HTTP, GenAI) it is used,
 * so tracing backends recognise agents, models, tokens and tools; the rest are namespaced
 * `agent_studio.*`. The GenAI names are still "incubating" upstream, so they are copied here rather
 * than imported (as https://opentelemetry.io/docs/specs/semconv/non-normative/code-generation/ advises).
 */
export const ATTR = {
  httpMethod: "http.request.method",
  httpRoute: "http.route",
  httpStatus: "http.response.status_code",
  urlPath: "url.path",
  requestId: "agent_studio.request.id",
  errorType: "error.type",

  operation: "gen_ai.operation.name",
  agent: "gen_ai.agent.name",
  conversation: "gen_ai.conversation.id",
  provider: "gen_ai.provider.name",
  model: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  finishReasons: "gen_ai.response.finish_reasons",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",

  runId: "agent_studio.run.id",
  runStatus: "agent_studio.run.status",
  phaseId: "agent_studio.phase.id",
  toolServer: "agent_studio.tool.server",
  toolSuccess: "agent_studio.tool.success",
  toolDurationMs: "agent_studio.tool.duration_ms",
} as const;
