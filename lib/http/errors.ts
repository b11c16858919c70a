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

// The `type` the OpenAI API gives each kind of error, which its SDKs read.
const OPENAI_TYPE: Record<AppErrorCode, string> = {
  invalid_body: "invalid_request_error",
  invalid_json: "invalid_request_error",
  invalid_path: "invalid_request_error",
  unauthorized: "authentication_error",
  forbidden: "permission_error",
  not_found: "not_found_error",
  method_not_allowed: "invalid_request_error",
  conflict: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  rate_limited: "rate_limit_error",
  unavailable: "server_error",
  internal: "server_error",
};

/** Errors as each door says them: ours (`{error: {code, message}}`), or OpenAI's, which adds `type`. */
export type ErrorShape = "ours" | "openai";

/** What the caller may be told of any thrown value: an AppError as it is; anything else by its kind only (internals are logged, never returned). */
export function publicError(error: unknown): AppError {
  if (AppError.isInstance(error)) return error;
  if (isDatabaseUnreachable(error)) return new AppError("unavailable", "The database is unavailable. Try again shortly.");
  return new AppError("internal", "Something went wrong on our side.");
}

/** An error's JSON body in the door's shape. */
export function shapedErrorBody(shape: ErrorShape, code: AppErrorCode, message: string) {
  return shape === "openai" ? { error: { message, type: OPENAI_TYPE[code], code } } : errorBody(code, message);
}

/** Any thrown value → the JSON error response. Internals are logged by the caller, never returned. */
export function errorResponse(error: unknown, headers: Record<string, string> = {}, shape: ErrorShape = "ours") {
  const known = publicError(error);
  const retryAfter: Record<string, string> =
    known.retryAfterSeconds === undefined ? {} : { "Retry-After": String(known.retryAfterSeconds) };
  return Response.json(shapedErrorBody(shape, known.code, known.message), {
    status: statusOf(known),
    headers: { ...retryAfter, ...headers },
  });
}
