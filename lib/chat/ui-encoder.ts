import type { InferUIMessageChunk } from "ai";
import type { SequencedEvent } from "@/lib/agent/events";
import { afterRetry } from "@/lib/runs/outcome";
import type { ChatMessage } from "./message";

export type ChatChunk = InferUIMessageChunk<ChatMessage>;

type PartEvent = Exclude<SequencedEvent, { type: "step_retry" }>;

/**
 * The second encoder of the one event model (the first is SSE): run events → AI SDK UI message
 * stream chunks, so `useChat` renders reasoning, tool calls, phases and structured data unchanged.
 *
 * A `step_retry` that voids events the stream has sent (afterRetry) cannot be undone part by part:
 * the cut-off attempt's text may have gone into a part begun before it. So the stream starts the
 * message again: `reset-step` (which, with no `start-step` ever sent, makes useChat drop every part
 * of the message this stream built) and the events still shown, encoded afresh. The message is then
 * the one the stored transcript rebuilds from the same events. Costly only on a retry, which only a
 * process's death brings; the stream keeps its run's events for it.
 */
export function createUIEncoder() {
  let encode = partEncoder();
  let shown: PartEvent[] = [];
  return function encodeShown(event: SequencedEvent): ChatChunk[] {
    if (event.type !== "step_retry") {
      shown.push(event);
      return encode(event);
    }
    const kept = afterRetry(shown, event);
    if (kept.length === shown.length) return [];
    shown = kept;
    encode = partEncoder();
    return [{ type: "reset-step" }, ...shown.flatMap(encode)];
  };
}

/** Stateful: consecutive `thinking`/`text` events become one reasoning/text part. */
function partEncoder() {
  let open: { kind: "reasoning" | "text"; id: string } | undefined;
  let parts = 0;
  const phases = new Map<string, string>();

  const close = (): ChatChunk[] => {
    if (!open) return [];
    const chunk: ChatChunk = open.kind === "text" ? { type: "text-end", id: open.id } : { type: "reasoning-end", id: open.id };
    open = undefined;
    return [chunk];
  };
  const stream = (kind: "reasoning" | "text", delta: string): ChatChunk[] => {
    const chunks = open?.kind === kind ? [] : close();
    if (!open) {
      open = { kind, id: `${kind}-${++parts}` };
      chunks.push(kind === "text" ? { type: "text-start", id: open.id } : { type: "reasoning-start", id: open.id });
    }
    chunks.push(kind === "text" ? { type: "text-delta", id: open.id, delta } : { type: "reasoning-delta", id: open.id, delta });
    return chunks;
  };

  return function encode(event: PartEvent): ChatChunk[] {
    switch (event.type) {
      case "thinking":
        return stream("reasoning", event.content);
      case "text":
        return stream("text", event.content);
      case "start":
        return [
          {
            type: "start",
            messageId: `run-${event.run_id}`,
            messageMetadata: {
              run_id: event.run_id,
              session_id: event.session_id,
              agent: event.agent,
              model: event.model,
              notice: event.notice,
            },
          },
        ];
      case "queued":
        // Shown while the run waits, not kept in the transcript.
        return [{ type: "data-queued", id: "queued", data: { position: event.position }, transient: true }];
      case "phase_start":
        phases.set(event.phase_id, event.description);
        return [
          ...close(),
          { type: "data-phase", id: event.phase_id, data: { phase_id: event.phase_id, description: event.description, status: "running" } },
        ];
      case "phase_complete":
        return [
          ...close(),
          {
            type: "data-phase",
            id: event.phase_id,
            data: {
              phase_id: event.phase_id,
              description: phases.get(event.phase_id) ?? event.phase_id,
              status: "done",
              summary: event.summary,
              duration_ms: event.duration_ms,
            },
          },
        ];
      case "tool_start":
        return [
          ...close(),
          { type: "tool-input-available", toolCallId: event.call_id, toolName: event.tool, input: event.arguments, dynamic: true },
        ];
      case "tool_progress":
        return [
          {
            type: "data-progress",
            id: event.call_id,
            data: { call_id: event.call_id, progress: event.progress, total: event.total, message: event.message },
          },
        ];
      case "tool_result":
        return event.success
          ? [
              {
                type: "tool-output-available",
                toolCallId: event.call_id,
                output: event.result,
                dynamic: true,
                toolMetadata: { duration_ms: event.duration_ms },
              },
            ]
          : [
              {
                type: "tool-output-error",
                toolCallId: event.call_id,
                errorText: event.error ?? "The tool failed.",
                dynamic: true,
                toolMetadata: { duration_ms: event.duration_ms },
              },
            ];
      case "structured_data":
        return [...close(), { type: "data-structured", id: event.schema, data: { schema: event.schema, data: event.data } }];
      case "done":
        return [
          ...close(),
          {
            type: "finish",
            messageMetadata: {
              duration_ms: event.metadata.duration_ms,
              model: event.metadata.model,
              usage: event.metadata.usage,
              run_id: event.metadata.run_id,
              session_id: event.metadata.session_id,
              thinking_ms: event.metadata.thinking_ms,
            },
          },
        ];
      case "error":
        // A run error is part of the transcript (with a retry in the UI), not a broken stream.
        return [
          ...close(),
          { type: "data-run-error", id: "run-error", data: { code: event.code, message: event.message, raw: event.raw } },
          { type: "finish" },
        ];
    }
  };
}
