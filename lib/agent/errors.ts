import { APICallError, RetryError } from "ai";
import { messageOf } from "@/lib/tools/errors";
import type { ErrorCode } from "./events";

const MARKER = Symbol.for("agent-studio.AgentError");

/** An error with a code from the event contract. Marked so `isInstance` works across bundles. */
export class AgentError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The model's text, when the error is about it (OUTPUT_INVALID). */
    readonly raw?: string,
  ) {
    super(message);
    this.name = "AgentError";
  }

  static isInstance(error: unknown): error is AgentError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}

/** Any failure of a run → the code and message its `error` event carries. Never a stack trace. */
export function classifyError(error: unknown, signal: AbortSignal): { code: ErrorCode; message: string; raw?: string } {
  if (signal.aborted) {
    const timedOut = (signal.reason as Error | undefined)?.name === "TimeoutError";
    return timedOut
      ? { code: "TIMEOUT", message: "The run took longer than its time limit and was stopped." }
      : { code: "CANCELLED", message: "The run was cancelled." };
  }
  if (AgentError.isInstance(error)) return { code: error.code, message: error.message, raw: error.raw };
  if (RetryError.isInstance(error)) return classifyError(error.lastError, signal);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === 429)
      return { code: "RATE_LIMITED", message: "The model provider is rate limiting requests; try again shortly." };
    return {
      code: "LLM_ERROR",
      message: `The model call failed${error.statusCode ? ` (HTTP ${error.statusCode})` : ""}: ${error.message}`,
    };
  }
  return { code: "INTERNAL", message: messageOf(error) };
}

/** A failure of the model call itself, whatever the provider threw: LLM_ERROR unless it says more. */
export function asModelError(error: unknown) {
  return AgentError.isInstance(error) || APICallError.isInstance(error) || RetryError.isInstance(error)
    ? error
    : new AgentError("LLM_ERROR", messageOf(error));
}
