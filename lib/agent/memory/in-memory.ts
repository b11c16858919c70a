import { randomUUID } from "node:crypto";
import { DEFAULT_LIST_LIMIT, expiryAfter, type Memory, type SessionInfo, type StoredMessage } from "./types";

/** Memory in a Map: for unit tests and tools, same behaviour as the Prisma implementation. */
export function createInMemoryMemory(): Memory {
  const sessions = new Map<string, SessionInfo>();
  const messages = new Map<string, StoredMessage[]>();

  return {
    async ensureSession({ id = randomUUID(), userId, agent, title, ttlMinutes }) {
      const existing = sessions.get(id);
      if (existing) return existing;
      const now = new Date();
      const session = { id, userId, agent, title, createdAt: now, lastActiveAt: now, expiresAt: expiryAfter(ttlMinutes, now), messageCount: 0 };
      sessions.set(id, session);
      messages.set(id, []);
      return session;
    },
    async getMessages(sessionId, limit) {
      const all = messages.get(sessionId) ?? [];
      return limit === undefined ? [...all] : all.slice(-limit);
    },
    async addMessage(sessionId, { role, text, parts = [], runId }, ttlMinutes) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      const now = new Date();
      const message = { id: randomUUID(), sessionId, role, text, parts, runId: runId ?? null, createdAt: now };
      messages.get(sessionId)!.push(message);
      sessions.set(sessionId, { ...session, lastActiveAt: now, expiresAt: expiryAfter(ttlMinutes, now), messageCount: session.messageCount + 1 });
      return message;
    },
    async clearSession(sessionId) {
      sessions.delete(sessionId);
      messages.delete(sessionId);
    },
    async cleanupExpired(now = new Date()) {
      const expired = [...sessions.values()].filter((s) => s.expiresAt && s.expiresAt < now);
      for (const session of expired) await this.clearSession(session.id);
      return expired.length;
    },
    async listSessions({ userId, agent, limit = DEFAULT_LIST_LIMIT, activeBefore } = {}) {
      return [...sessions.values()]
        .filter((s) => (!userId || s.userId === userId) && (!agent || s.agent === agent))
        .filter((s) => !activeBefore || s.lastActiveAt < activeBefore)
        .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime())
        .slice(0, limit);
    },
    async getSessionMetadata(sessionId) {
      return sessions.get(sessionId) ?? null;
    },
  };
}
