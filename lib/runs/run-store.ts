import type { RunStatus } from "@/lib/db/generated/enums";
import { newId } from "@/lib/db/ids";
import type { ConversationMessage } from "@/lib/agent/prompt";
import type { SequencedEvent, Usage } from "@/lib/agent/events";
import type { Queryable } from "./event-store";

/**
 * The statements that start and end a run, in SQL: each is one round trip however many rows it
 * touches (session, run, messages, final event), where Prisma would take several.
 */

export type ConversationRow = { id: string; userId: string; agent: string; history: ConversationMessage[] };

/** A session with its last `limit` messages (oldest first), or undefined. */
export async function loadConversation(db: Queryable, sessionId: string, limit: number): Promise<ConversationRow | undefined> {
  const { rows } = await db.query<ConversationRow>(
    `SELECT s.id, s."userId", s.agent,
       (SELECT coalesce(json_agg(json_build_object('role', lower(m.role::text), 'text', m.text) ORDER BY m."createdAt", m.id), '[]')
          FROM (SELECT role, text, "createdAt", id FROM "Message" WHERE "sessionId" = s.id
                ORDER BY "createdAt" DESC, id DESC LIMIT $2) m) AS history
     FROM "ChatSession" s WHERE s.id = $1`,
    [sessionId, limit],
  );
  return rows[0];
}

export type RunStart = {
  /** An existing session to continue; a new one is created otherwise. */
  sessionId?: string;
  userId: string;
  agent: string;
  model: string;
  query: string;
  params: Record<string, unknown>;
  status: Extract<RunStatus, "QUEUED" | "RUNNING">;
  instanceId: string;
  expiresAt: Date;
};

const NEW_SESSION = `INSERT INTO "ChatSession" (id, "userId", agent, title, params, "messageCount", "createdAt", "lastActiveAt", "expiresAt")
  VALUES ($1, $2, $3, left($8, 80), $9::jsonb, 1, $11, $11, $12) RETURNING id`;
const TOUCH_SESSION = `UPDATE "ChatSession" SET "messageCount" = "messageCount" + 1, "lastActiveAt" = $11, "expiresAt" = $12
  WHERE id = $1 RETURNING id`;

/**
 * The run, its user message and the session (created, or touched) in one statement. Returns the
 * ids, or undefined when the session to continue was deleted meanwhile.
 */
export async function insertRunStart(db: Queryable, start: RunStart) {
  const sessionId = start.sessionId ?? newId();
  const runId = newId();
  const now = new Date();
  const { rowCount } = await db.query(
    `WITH session AS (${start.sessionId ? TOUCH_SESSION : NEW_SESSION}),
     run AS (
       INSERT INTO "Run" (id, "sessionId", "userId", agent, model, status, query, params, "instanceId", "createdAt", "startedAt")
       SELECT $4, id, $2, $3, $5, $6::"RunStatus", $8, $9::jsonb, $10, $11, $13 FROM session
       RETURNING id, "sessionId")
     INSERT INTO "Message" (id, "sessionId", "runId", role, parts, text, "createdAt")
     SELECT $7, "sessionId", id, 'USER', '[]', $8, $11 FROM run`,
    [
      sessionId,
      start.userId,
      start.agent,
      runId,
      start.model,
      start.status,
      newId(),
      start.query,
      JSON.stringify(start.params),
      start.instanceId,
      now,
      start.expiresAt,
      start.status === "RUNNING" ? now : null,
    ],
  );
  return rowCount === 1 ? { runId, sessionId } : undefined;
}

/** A queued run gets its turn. */
export async function markRunning(db: Queryable, runId: string) {
  await db.query(`UPDATE "Run" SET status = 'RUNNING', "startedAt" = now() WHERE id = $1 AND status = 'QUEUED'`, [runId]);
}

export type RunEnd = {
  runId: string;
  status: RunStatus;
  model: string;
  durationMs: number;
  usage: Usage;
  error?: { code: string; message: string };
  outputs: Record<string, unknown>;
  /** The answer as the browser showed it; none when the run produced nothing to keep. */
  answer?: { text: string; parts: unknown[] };
  expiresAt: Date;
  final: SequencedEvent;
};

/**
 * The run's final row, its answer, the session's activity and the final event, in one statement:
 * whoever sees `done` or `error` and then reads the run, its session or its messages finds them
 * complete.
 */
export async function insertRunEnd(db: Queryable, end: RunEnd) {
  const { type, seq, ...data } = end.final;
  const outputs = Object.keys(end.outputs).length > 0 ? JSON.stringify(end.outputs) : null;
  await db.query(
    `WITH run AS (
       UPDATE "Run" SET status = $2::"RunStatus", model = $3, "finishedAt" = $4, "durationMs" = $5, "inputTokens" = $6,
         "outputTokens" = $7, "errorCode" = $8, "errorMessage" = $9, output = $10::json
       WHERE id = $1 RETURNING "sessionId"),
     answer AS (
       INSERT INTO "Message" (id, "sessionId", "runId", role, parts, text, "createdAt")
       SELECT $11, "sessionId", $1, 'ASSISTANT', $12::json, $13, $4 FROM run WHERE $12::json IS NOT NULL
       RETURNING id),
     session AS (
       UPDATE "ChatSession" s SET "lastRunStatus" = $2::"RunStatus", "lastActiveAt" = $4, "expiresAt" = $14,
         "messageCount" = s."messageCount" + (SELECT count(*) FROM answer)
       FROM run WHERE s.id = run."sessionId")
     INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt") VALUES ($1, $15, $16, $17::json, $4)
     ON CONFLICT DO NOTHING`,
    [
      end.runId,
      end.status,
      end.model,
      new Date(),
      end.durationMs,
      end.usage.input_tokens,
      end.usage.output_tokens,
      end.error?.code ?? null,
      end.error?.message ?? null,
      outputs,
      newId(),
      end.answer ? JSON.stringify(end.answer.parts) : null,
      end.answer?.text ?? "",
      end.expiresAt,
      seq,
      type,
      JSON.stringify(data),
    ],
  );
}

/**
 * Ends a run nobody executes any more (its instance died): the row, the session's status and a
 * final `error` event after the last stored one, in one statement. Undefined when the run had
 * ended meanwhile.
 */
export async function insertRunInterrupted(db: Queryable, runId: string, message: string): Promise<SequencedEvent | undefined> {
  const event = { type: "error", code: "INTERRUPTED", message } as const;
  const { type, ...data } = event;
  const { rows } = await db.query<{ seq: number }>(
    `WITH run AS (
       UPDATE "Run" SET status = 'FAILED', "finishedAt" = now(), "errorCode" = 'INTERRUPTED', "errorMessage" = $2
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id, "sessionId"),
     session AS (UPDATE "ChatSession" s SET "lastRunStatus" = 'FAILED' FROM run WHERE s.id = run."sessionId")
     INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt")
     SELECT id, coalesce((SELECT max(seq) FROM "RunEvent" WHERE "runId" = $1), 0) + 1, $3, $4::json, now() FROM run
     RETURNING seq`,
    [runId, message, type, JSON.stringify(data)],
  );
  return rows[0] && { ...event, seq: rows[0].seq };
}
