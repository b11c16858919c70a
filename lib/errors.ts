/** Why something asked of the application cannot be done: a stable code, for every door to map once. */
export type AppErrorCode =
  | "invalid_body"
  | "invalid_json"
  | "invalid_path"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

// A registered symbol: Next bundles this module into several chunks, and each must recognise the others' errors.
const MARKER = Symbol.for("agent-studio.AppError");

/**
 * An error the caller is told about as it is (its message is for them); lib/http answers it with the
 * status its code maps to. `retryAfterSeconds`: when trying again makes sense.
 */
export class AppError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  static isInstance(error: unknown): error is AppError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}
