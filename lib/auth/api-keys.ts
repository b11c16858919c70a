import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { apiKeysOf, findApiKeyByHash, insertApiKey, markRevoked, markUsed } from "@/lib/db/api-keys";
import { ensureUser } from "@/lib/db/users";
import { env } from "@/lib/env";
import type { User } from "@/lib/db/generated/client";

const KEY_PREFIX = "as_";
const DISPLAY_LENGTH = 11;
// lastUsedAt is for humans ("used 2 hours ago"); a write per request would be waste.
const LAST_USED_GRANULARITY_MS = 60_000;

/** Keys are 192 random bits, so a fast hash is enough and lets us look them up exactly. */
export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

function generateApiKey() {
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, DISPLAY_LENGTH), hash: hashApiKey(key) };
}

/** A new key for `userId`. The key itself is returned this once and never stored. */
export async function createApiKey(userId: string, name: string) {
  const { key, prefix, hash } = generateApiKey();
  const record = await insertApiKey({ userId, name, prefix, hash });
  return { ...record, key };
}

export function listApiKeys(userId: string) {
  return apiKeysOf(userId);
}

/** False when the key is not the user's (or does not exist): the caller answers 404 either way. */
export async function revokeApiKey(userId: string, id: string) {
  const found = await markRevoked(userId, id);
  forgetApiKeyLookups();
  return found;
}

// Hashed once per list of service keys, not once per request.
let serviceKeys: { keys: string[]; hashes: Buffer[] } | undefined;

function isServiceKey(key: string) {
  if (serviceKeys?.keys !== env.API_KEYS)
    serviceKeys = { keys: env.API_KEYS, hashes: env.API_KEYS.map((serviceKey) => Buffer.from(hashApiKey(serviceKey), "hex")) };
  const hash = Buffer.from(hashApiKey(key), "hex");
  return serviceKeys.hashes.some((serviceHash) => timingSafeEqual(serviceHash, hash));
}

let serviceUser: Promise<User> | undefined;

/** The user service keys act as: created once, then remembered by this process. */
function getServiceUser() {
  serviceUser ??= ensureUser(env.API_SERVICE_EMAIL, "API service").catch((error: unknown) => {
    serviceUser = undefined;
    throw error;
  });
  return serviceUser;
}

// Keys seen in the last API_KEY_CACHE_S, by hash: a program streaming many runs costs one lookup
// per interval, not one per request. Kept small: a flood of unknown keys only evicts old entries.
// On globalThis: Next bundles this module into several chunks (the route that revokes a key and the
// one that checks it), and forgetting must reach all of them.
const globalForKeys = globalThis as { agentStudioKeyLookups?: Map<string, { user: User | null; until: number }> };
const recentKeys = (globalForKeys.agentStudioKeyLookups ??= new Map());
const RECENT_KEYS_MAX = 10_000;

/** A key revoked or a user changed takes effect here at once; on other instances within API_KEY_CACHE_S. */
export function forgetApiKeyLookups() {
  recentKeys.clear();
}

/** The user behind `key`, or null when it is unknown, revoked, expired or its user is disabled. */
export async function userForApiKey(key: string) {
  if (isServiceKey(key)) return getServiceUser();
  const hash = hashApiKey(key);
  const recent = recentKeys.get(hash);
  if (recent && recent.until > Date.now()) return recent.user;
  const user = await lookUpApiKey(hash);
  if (recentKeys.size >= RECENT_KEYS_MAX) recentKeys.delete(recentKeys.keys().next().value!);
  recentKeys.set(hash, { user, until: Date.now() + env.API_KEY_CACHE_S * 1000 });
  return user;
}

async function lookUpApiKey(hash: string) {
  const record = await findApiKeyByHash(hash);
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt < new Date()) || record.user.disabledAt) return null;
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await markUsed(record.id);
  }
  return record.user;
}
