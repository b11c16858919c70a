import type { PrismaClient } from "@/lib/db/generated/client";
import type { MessageRole as DbRole } from "@/lib/db/generated/enums";
import { DEFAULT_LIST_LIMIT, expiryAfter, type Memory, type MessageRole, type StoredMessage } from "./types";

const toDbRole = (role: MessageRole) => role.toUpperCase() as DbRole;

type MessageRow = { id: string; sessionId: string; role: DbRole; text: string; parts: unknown; runId: string | null; createdAt: Date };

function toMessage(row: MessageRow): StoredMessage {
  return { ...row, role: row.role.toLowerCase() as MessageRole, parts: Array.isArray(row.parts) ? row.parts : [] };
}

const sessionFields = {
  id: true,
  userId: true,
  agent: true,
  title: true,
  createdAt: true,
  lastActiveAt: true,
  expiresAt: true,
  messageCount: true,
} as const;

/** Memory in ChatSession and Message rows. Takes the client so tests can point it anywhere. */
export function createPrismaMemory(db: PrismaClient): Memory {
  return {
    async ensureSession({ id, userId, agent, title, ttlMinutes }) {
      const data = { userId, agent, title, expiresAt: expiryAfter(ttlMinutes) };
      if (!id) return db.chatSession.create({ data, select: sessionFields });
      return db.chatSession.upsert({ where: { id }, create: { id, ...data }, update: {}, select: sessionFields });
    },
    async getMessages(sessionId, limit) {
      const rows = await db.message.findMany({
        where: { sessionId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.reverse().map(toMessage);
    },
    async addMessage(sessionId, { role, text, parts = [], runId }, ttlMinutes) {
      const now = new Date();
      const [row] = await db.$transaction([
        db.message.create({ data: { sessionId, role: toDbRole(role), text, parts: parts as object[], runId } }),
        db.chatSession.update({
          where: { id: sessionId },
          data: { lastActiveAt: now, expiresAt: expiryAfter(ttlMinutes, now), messageCount: { increment: 1 } },
        }),
      ]);
      return toMessage(row);
    },
    async clearSession(sessionId) {
      // Messages, runs and events go with it (ON DELETE CASCADE).
      await db.chatSession.deleteMany({ where: { id: sessionId } });
    },
    async cleanupExpired(now = new Date()) {
      const { count } = await db.chatSession.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
    listSessions({ userId, agent, limit = DEFAULT_LIST_LIMIT, activeBefore } = {}) {
      return db.chatSession.findMany({
        where: { userId, agent, lastActiveAt: activeBefore && { lt: activeBefore } },
        orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
        take: limit,
        select: sessionFields,
      });
    },
    getSessionMetadata(sessionId) {
      return db.chatSession.findUnique({ where: { id: sessionId }, select: sessionFields });
    },
  };
}
