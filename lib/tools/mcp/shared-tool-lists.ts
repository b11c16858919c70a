import type { Redis } from "ioredis";
import type { McpToolInfo, SharedToolLists } from "./types";

/**
 * On Redis. Failures count as a miss: a Redis outage costs a `tools/list` per instance, never a
 * failed tool listing.
 */
export function redisToolLists(redis: Redis, prefix = "agent-studio:mcp-tools:"): SharedToolLists {
  const ready = () => redis.status === "ready";
  return {
    async get(server) {
      if (!ready()) return undefined;
      const stored = await redis.get(prefix + server).catch(() => null);
      return stored ? (JSON.parse(stored) as { tools: McpToolInfo[]; expiresAt: number }) : undefined;
    },
    async set(server, tools, ttlMs) {
      if (!ready() || ttlMs <= 0) return;
      await redis.set(prefix + server, JSON.stringify({ tools, expiresAt: Date.now() + ttlMs }), "PX", ttlMs).catch(() => {});
    },
    async drop(server) {
      if (ready()) await redis.del(prefix + server).catch(() => {});
    },
  };
}
