import type { ErrorCode } from "@/lib/agent/events";
import { isDatabaseUnreachable } from "@/lib/db/errors";
import { AppError, type AppErrorCode } from "@/lib/errors";

/** The HTTP status of each application error code: the one place a code becomes a status. */
const STATUS: Record<AppErrorCode, number> = {
  invalid_body: 400,
  invalid_json: 400,
  invalid_path: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const statusOf = (error: AppError) => STATUS[error.code];

/** How a failed run answers a synchronous request. */
export const RUN_ERROR_STATUS: Record<ErrorCode, number> = {
  LLM_ERROR: 502,
  TOOL_ERROR: 502,
  OUTPUT_INVALID: 502,
  TIMEOUT: 504,
  CANCELLED: 409,
  RATE_LIMITED: 429,
  INTERRUPTED: 503,
  INTERNAL: 500,
};

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message }, ...extra };
}

/** Any thrown value → the JSON error response. Internals are logged by the caller, never returned. */
export function errorResponse(error: unknown, headers: Record<string, string> = {}) {
  const known = AppError.isInstance(error)
    ? error
    : isDatabaseUnreachable(error)
      ? new AppError("unavailable", "The database is unavailable. Try again shortly.")
      : new AppError("internal", "Something went wrong on our side.");
  const retryAfter: Record<string, string> =
    known.retryAfterSeconds === undefined ? {} : { "Retry-After": String(known.retryAfterSeconds) };
  return Response.json(errorBody(known.code, known.message), { status: statusOf(known), headers: { ...retryAfter, ...headers } });
}
