import type { UIMessage } from "ai";
import type { ErrorCode, Usage } from "@/lib/agent/events";

/**
 * The browser's view of a run: an AI SDK UI message typed once, shared by the encoder, the chat
 * route and the components. Metadata carries the run's identity and, when it ends, its figures.
 */
type ChatMetadata = {
  run_id?: string;
  session_id?: string;
  agent?: string;
  model?: string;
  notice?: string;
  duration_ms?: number;
  usage?: Usage;
  /** How long the model thought, from the run's `done`. */
  thinking_ms?: number;
  /** The other versions of this question (edits) or answer (regenerations): the run showing each, in order. */
  versions?: { index: number; runs: string[] };
  /** The user's thumbs up or down on this answer. */
  feedback?: "up" | "down";
};

export type PhaseData = { phase_id: string; description: string; status: "running" | "done"; summary?: string; duration_ms?: number };
export type ProgressData = { call_id: string; progress: number; total?: number; message?: string };
export type StructuredData = { schema: string; data: unknown };
type RunErrorData = { code: ErrorCode; message: string; raw?: string };
type QueuedData = { position: number };

type ChatDataParts = {
  phase: PhaseData;
  progress: ProgressData;
  structured: StructuredData;
  "run-error": RunErrorData;
  queued: QueuedData;
};

export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts>;
