import { z } from "zod";

/**
 * The contract between the runtime, the API and the UI (docs/ARCHITECTURE.md §3): one event model, encoded
 * twice (SSE for programs, the AI SDK UI message stream for the browser).
 */

const errorCodeSchema = z.enum([
  "LLM_ERROR",
  "TOOL_ERROR",
  "TIMEOUT",
  "CANCELLED",
  "OUTPUT_INVALID",
  "RATE_LIMITED",
  "INTERRUPTED",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const phaseId = z.string().optional();

const usageSchema = z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() });
export type Usage = z.infer<typeof usageSchema>;

const agentEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    run_id: z.string(),
    session_id: z.string(),
    agent: z.string(),
    model: z.string(),
    /** Set when the configured model cannot be used (no API key) and the demo model answers instead. */
    notice: z.string().optional(),
  }),
  z.object({ type: z.literal("thinking"), content: z.string(), phase_id: phaseId }),
  /** The run waits for a free execution slot; `position` 1 is next. */
  z.object({ type: z.literal("queued"), position: z.number().int().min(1) }),
  z.object({ type: z.literal("phase_start"), phase_id: z.string(), description: z.string() }),
  z.object({
    type: z.literal("tool_start"),
    call_id: z.string(),
    tool: z.string(),
    arguments: z.unknown(),
    phase_id: phaseId,
  }),
  z.object({
    type: z.literal("tool_progress"),
    call_id: z.string(),
    progress: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  }),
  z.object({
    type: z.literal("tool_result"),
    call_id: z.string(),
    tool: z.string(),
    result: z.unknown(),
    success: z.boolean(),
    error: z.string().optional(),
    duration_ms: z.number(),
  }),
  /**
   * A step is run again because the process running it died (lib/agent/journal.ts). A model call
   * (`step` `<phase>/model/<n>`, or `<phase>/output` for the structured output's repair): clients
   * drop the events after `after_seq` up to this one, the cut-off attempt's partial output. A tool
   * call (`call_id` set): clients reset that call's card to running. `after_seq` is the seq of the
   * last event before the cut-off attempt began; lib/runs sets it, as the agent numbers no events.
   */
  z.object({
    type: z.literal("step_retry"),
    step: z.string(),
    attempt: z.number().int().min(2),
    call_id: z.string().optional(),
    after_seq: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal("text"), content: z.string(), phase_id: phaseId }),
  z.object({ type: z.literal("structured_data"), schema: z.string(), data: z.unknown(), phase_id: phaseId }),
  z.object({
    type: z.literal("phase_complete"),
    phase_id: z.string(),
    summary: z.string().optional(),
    duration_ms: z.number().optional(),
  }),
  z.object({
    type: z.literal("done"),
    metadata: z.object({
      duration_ms: z.number(),
      model: z.string(),
      usage: usageSchema,
      session_id: z.string(),
      run_id: z.string(),
      /** Time the model spent thinking (streaming `thinking`), when it did. */
      thinking_ms: z.number().optional(),
      /** Why the last model call stopped (the AI SDK's unified reason: stop, length, content-filter, tool-calls, …). */
      finish_reason: z.enum(["stop", "length", "content-filter", "tool-calls", "error", "interrupted", "other"]).optional(),
    }),
  }),
  z.object({
    type: z.literal("error"),
    code: errorCodeSchema,
    message: z.string(),
    phase_id: phaseId,
    /** For OUTPUT_INVALID: the model's text, kept so nothing it wrote is lost. */
    raw: z.string().optional(),
  }),
]);

export type AgentEvent = z.infer<typeof agentEventSchema>;

/** An event as stored and streamed: numbered from 1 within its run. */
export const sequencedEventSchema = agentEventSchema.and(z.object({ seq: z.number().int().min(1) }));
export type SequencedEvent = z.infer<typeof sequencedEventSchema>;

/**
 * Checks what comes back across a process boundary (the event log, the bus) against the schema,
 * and gives it back as it was: parsing would rebuild it in the schema's key order, and a replay
 * must be what the live stream sent.
 */
export function asSequencedEvent(value: unknown): SequencedEvent {
  const checked = sequencedEventSchema.safeParse(value);
  if (!checked.success) throw new EventShapeError(checked.error.issues[0]?.message ?? "not an event");
  return value as SequencedEvent;
}

export class EventShapeError extends Error {
  override readonly name = "EventShapeError";
}

export type Emit = (event: AgentEvent) => void;

/** The event that ends a run: exactly one per run. */
export type FinalEvent = Extract<AgentEvent, { type: "done" | "error" }>;

export function isTerminal(event: AgentEvent): event is FinalEvent {
  return event.type === "done" || event.type === "error";
}
