/** Conversation memory: sessions and their messages. Prisma-backed in the app, in-memory in unit tests. */

export type MessageRole = "user" | "assistant" | "system";

export type StoredMessage = {
  id: string;
  sessionId: string;
  role: MessageRole;
  text: string;
  /** AI SDK UI message parts, so a transcript renders as it was streamed. */
  parts: unknown[];
  runId: string | null;
  createdAt: Date;
};

export type NewMessage = { role: MessageRole; text: string; parts?: unknown[]; runId?: string };

export type SessionInfo = {
  id: string;
  userId: string;
  agent: string;
  title: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date | null;
  messageCount: number;
};

export type NewSession = { id?: string; userId: string; agent: string; title: string; ttlMinutes: number };

export type SessionFilter = { userId?: string; agent?: string; limit?: number; activeBefore?: Date };

export interface Memory {
  /** The session with this id, created if it does not exist yet. */
  ensureSession(session: NewSession): Promise<SessionInfo>;
  /** The last `limit` messages (all when omitted), oldest first. */
  getMessages(sessionId: string, limit?: number): Promise<StoredMessage[]>;
  /** Stores a message and keeps the session alive for another `ttlMinutes`. */
  addMessage(sessionId: string, message: NewMessage, ttlMinutes: number): Promise<StoredMessage>;
  /** Deletes the session and everything in it. */
  clearSession(sessionId: string): Promise<void>;
  /** Deletes sessions whose TTL ran out; returns how many. */
  cleanupExpired(now?: Date): Promise<number>;
  /** Most recently active first. */
  listSessions(filter?: SessionFilter): Promise<SessionInfo[]>;
  getSessionMetadata(sessionId: string): Promise<SessionInfo | null>;
}

export const expiryAfter = (minutes: number, from = new Date()) => new Date(from.getTime() + minutes * 60_000);

export const DEFAULT_LIST_LIMIT = 50;
