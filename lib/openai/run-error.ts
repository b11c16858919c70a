import type { ErrorCode } from "@/lib/agent/events";

// The `type` OpenAI's SDKs read, for each way a run fails; `code` stays ours.
const RUN_ERROR_TYPE: Record<ErrorCode, string> = {
  LLM_ERROR: "api_error",
  TOOL_ERROR: "api_error",
  OUTPUT_INVALID: "api_error",
  TIMEOUT: "server_error",
  CANCELLED: "server_error",
  RATE_LIMITED: "rate_limit_error",
  INTERRUPTED: "server_error",
  INTERNAL: "server_error",
};

/** A failed run's error in OpenAI's shape. */
export function openAIRunError({ code, message }: { code: ErrorCode; message: string }) {
  return { error: { message, type: RUN_ERROR_TYPE[code], code } };
}
