import { randomUUID } from "node:crypto";

/**
 * An id like Prisma's cuid() for rows inserted in SQL: "c", the time in base 36 (so new rows sort
 * together in the primary key's index), then random hex; 25 lowercase letters and digits.
 * randomUUID draws from a cached pool of entropy: no system call per id.
 */
export function newId() {
  const time = Date.now().toString(36);
  return `c${time}${randomUUID()
    .replaceAll("-", "")
    .slice(0, 24 - time.length)}`;
}
