import pg from "pg";

// SQLSTATE classes after which the same statement may succeed: connection exceptions, insufficient
// resources, operator intervention (a restart), transaction rollback (serialization, deadlock),
// system errors. https://www.postgresql.org/docs/current/errcodes-appendix.html
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);

/**
 * True when retrying could help: the database is out of reach (isDatabaseUnreachable), or it answered
 * with an error of a transient class. Anything else fails the same way every time: a statement it
 * rejected for its data (class 22, 23, …), or a bug that threw before or after the statement. pg's own
 * connection errors with no code ("Connection terminated") cannot be told from a bug by themselves: a
 * caller that must (the event writer) asks the database whether it answers.
 */
export function isTransientDbError(error: unknown) {
  if (error instanceof pg.DatabaseError) return TRANSIENT_CLASSES.has(error.code?.slice(0, 2) ?? "");
  return isDatabaseUnreachable(error);
}

// Codes that say the database could not be reached or answer: the socket's, and Prisma's
// (can't reach, timed out, socket timeout, connection closed, pool timeout, too many connections).
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE", "EAI_AGAIN"]);
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// SQLSTATE classes of a server that cannot serve now: connection exception, insufficient
// resources, operator intervention (shutting down, restarting).
const UNREACHABLE_CLASSES = new Set(["08", "53", "57"]);
// What @prisma/adapter-pg calls the same failures.
const ADAPTER_UNREACHABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/**
 * True when `error`, or an error it was caused by, says the database is out of reach (as opposed
 * to refusing a statement): by its code or its adapter kind, never by its message. pg's own
 * connection errors with no code ("Connection terminated") are not told apart: they answer 500.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  // Prisma's request errors carry `code`, its initialization errors `errorCode`.
  const { code, errorCode, kind, cause } = error as { code?: unknown; errorCode?: unknown; kind?: unknown; cause?: unknown };
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || PRISMA_UNREACHABLE.has(code))) return true;
  if (typeof errorCode === "string" && PRISMA_UNREACHABLE.has(errorCode)) return true;
  if (error instanceof pg.DatabaseError && UNREACHABLE_CLASSES.has(error.code?.slice(0, 2) ?? "")) return true;
  if (typeof kind === "string" && ADAPTER_UNREACHABLE.has(kind)) return true;
  return isDatabaseUnreachable(cause, depth + 1);
}
