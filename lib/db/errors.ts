import pg from "pg";

// SQLSTATE classes after which the same statement may succeed: connection exceptions, insufficient
// resources, operator intervention (a restart), transaction rollback (serialization, deadlock),
// system errors. https://www.postgresql.org/docs/current/errcodes-appendix.html
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);

/**
 * True when retrying could help: the server answered with an error of a transient class, or it did
 * not answer at all (the socket failed, the pool timed out waiting for a connection). A statement
 * the server rejected for its data (class 22, 23, …) fails the same way every time.
 */
export function isTransientDbError(error: unknown) {
  if (!(error instanceof pg.DatabaseError)) return true;
  return TRANSIENT_CLASSES.has(error.code?.slice(0, 2) ?? "");
}
