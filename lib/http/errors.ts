import type { ErrorCode } from "@/lib/agent/events";

/** Every error the API answers with: a stable code, mapped once to an HTTP status. */
const STATUS = {
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
} as const;

export type ApiErrorCode = keyof typeof STATUS;

const MARKER = Symbol.for("agent-studio.ApiError");

export class ApiError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status() {
    return STATUS[this.code];
  }

  static isInstance(error: unknown): error is ApiError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}

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

/** Prisma's and pg's ways of saying the database cannot be reached. */
function isDatabaseDown(error: unknown) {
  const text = `${(error as { name?: string })?.name ?? ""} ${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|P1001|P1017|Connection terminated|connection timeout|Can't reach database/i.test(text);
}

/** Any thrown value → the JSON error response. Internals are logged by the caller, never returned. */
export function errorResponse(error: unknown, headers: Record<string, string> = {}) {
  const apiError = ApiError.isInstance(error)
    ? error
    : isDatabaseDown(error)
      ? new ApiError("unavailable", "The database is unavailable. Try again shortly.")
      : new ApiError("internal", "Something went wrong on our side.");
  return Response.json(errorBody(apiError.code, apiError.message), {
    status: apiError.status,
    headers: { ...apiError.headers, ...headers },
  });
}
