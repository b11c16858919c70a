import "server-only";
import { db } from "./client";

/** Every query of ApiKey. Keys are stored as their hash only; lib/auth/api-keys.ts makes and checks them. */

const publicFields = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export function insertApiKey(data: { userId: string; name: string; prefix: string; hash: string }) {
  return db.apiKey.create({ data, select: publicFields });
}

export function apiKeysOf(userId: string) {
  return db.apiKey.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: publicFields });
}

/** False when the key is not the user's (or does not exist); true when it is revoked now or was already. */
export async function markRevoked(userId: string, id: string) {
  const { count } = await db.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0 || (await db.apiKey.count({ where: { id, userId } })) > 0;
}

export function findApiKeyByHash(hash: string) {
  return db.apiKey.findUnique({ where: { hash }, include: { user: true } });
}

export async function markUsed(id: string, at = new Date()) {
  await db.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
}
