import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * An id like Prisma's cuid() for rows inserted in SQL: "c", the time in base 36 (so new rows sort
 * together in the primary key's index), then random characters; 25 lowercase letters and digits.
 */
export function newId() {
  const time = Date.now().toString(36);
  const random = randomBytes(24 - time.length);
  let id = `c${time}`;
  for (const byte of random) id += ALPHABET[byte % 36];
  return id;
}
