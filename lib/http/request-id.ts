import { randomUUID } from "node:crypto";

/** The client's `x-request-id` when it is a sensible one (short, printable), else a new one. */
export function requestIdFrom(given: string | null | undefined) {
  return given && given.length <= 100 && !/\p{Cc}/u.test(given) ? given : randomUUID();
}
