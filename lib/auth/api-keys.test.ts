import { afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createApiKey, forgetApiKeyLookups, hashApiKey, listApiKeys, revokeApiKey, userForApiKey } from "./api-keys";

let userId: string;
let otherId: string;

beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `keys-${Date.now()}@example.com` } })).id;
  otherId = (await db.user.create({ data: { email: `keys-other-${Date.now()}@example.com` } })).id;
});
afterEach(async () => {
  await db.user.updateMany({ where: { id: userId }, data: { disabledAt: null } });
});

describe("API keys", () => {
  it("are shown once and stored only as a hash with a display prefix", async () => {
    const created = await createApiKey(userId, "laptop");
    expect(created.key).toMatch(/^as_[A-Za-z0-9_-]{32}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(JSON.stringify(await listApiKeys(userId))).not.toContain(created.key);
  });

  it("resolve to their user and record when they were used", async () => {
    const { key, id } = await createApiKey(userId, "ci");
    expect((await userForApiKey(key))?.id).toBe(userId);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await userForApiKey(`${key}x`)).toBeNull();
    expect(await userForApiKey("as_not-a-key")).toBeNull();
  });

  it("stop working when revoked, and only their owner can revoke them", async () => {
    const { key, id } = await createApiKey(userId, "old");
    expect(await revokeApiKey(otherId, id)).toBe(false);
    expect(await userForApiKey(key)).not.toBeNull();
    expect(await revokeApiKey(userId, id)).toBe(true);
    expect(await userForApiKey(key)).toBeNull();
    expect(await revokeApiKey(userId, "no-such-key")).toBe(false);
  });

  it("stop working while their user is disabled; a lookup is remembered until a change is made here", async () => {
    const { key } = await createApiKey(userId, "disabled");
    expect((await userForApiKey(key))?.id).toBe(userId);
    await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    // Written behind the app's back: seen once API_KEY_CACHE_S has passed, or at once when
    // forgotten, as an admin's change through the app does.
    expect((await userForApiKey(key))?.id).toBe(userId);
    forgetApiKeyLookups();
    expect(await userForApiKey(key)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabledAt: null } });
    forgetApiKeyLookups();
    expect((await userForApiKey(key))?.id).toBe(userId);
  });

  it("accepts service keys from API_KEYS as the service user", async () => {
    const saved = env.API_KEYS;
    env.API_KEYS = ["service-key-0123456789abcdef-xyz"];
    onTestFinished(() => {
      env.API_KEYS = saved;
    });
    const user = await userForApiKey("service-key-0123456789abcdef-xyz");
    expect(user?.email).toBe(env.API_SERVICE_EMAIL);
    expect(user?.role).toBe("USER");
    expect(await userForApiKey("service-key-0123456789abcdef-xy")).toBeNull();
  });
});
