import type { RunStatus } from "@/lib/db/generated/enums";
import { endStatus, fromStates, LIVE, sqlStates } from "@/lib/db/run-lifecycle";
import { newId } from "@/lib/db/ids";
import type { ConversationMessage } from "@/lib/agent/prompt";
import type { SequencedEvent } from "@/lib/agent/events";
import type { Queryable } from "./event-store";

/**
 * The statements that start and end a run, in SQL: each is one round trip however many rows it
 * touches (session, run, messages, final event), where Prisma would take several.
 */

/** Where a new run goes in a session's tree of runs: after a run, or in place of one (its answer regenerated, its question edited). */
export type Branch = { after: string } | { regenerate: string } | { edit: string };

type ConversationRow = {
  id: string;
  userId: string;
  agent: string;
  /** The run the new one follows: the branch's last, or the replaced run's parent; null at the start of a session. */
  parentRunId: string | null;
  /** The run the branch names, if it is this session's. */
  target: { questionId: string | null; question: string | null } | null;
  history: ConversationMessage[];
};

const MODES = { after: "after", regenerate: "replace", edit: "replace" } as const;

// Walks up the tree from the run the new one follows (the session's latest run unless a branch
// says otherwise) and keeps the last `limit` messages of that path: each run's question and answer.
const LOAD_CONVERSATION = `WITH RECURSIVE target AS (
    SELECT r."parentRunId", r."questionId", coalesce(q.text, r.query) AS question FROM "Run" r LEFT JOIN "Message" q ON q.id = r."questionId"
    WHERE r.id = $3 AND r."sessionId" = $1),
  parent AS (
    SELECT CASE WHEN $4::text IS NULL THEN (SELECT id FROM "Run" WHERE "sessionId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 1)
                WHEN $4 = 'after' THEN $3
                ELSE (SELECT "parentRunId" FROM target) END AS id),
  turns AS (
    SELECT r.id, r."parentRunId", r."questionId", 1 AS depth FROM "Run" r JOIN parent p ON r.id = p.id AND r."sessionId" = $1
    UNION ALL
    SELECT r.id, r."parentRunId", r."questionId", t.depth + 1 FROM "Run" r JOIN turns t ON r.id = t."parentRunId" WHERE t.depth < $2),
  said AS (
    SELECT t.depth, 0 AS ord, 'user' AS role, q.text FROM turns t JOIN "Message" q ON q.id = t."questionId"
    UNION ALL
    SELECT t.depth, 1, 'assistant', a.text FROM turns t JOIN "Message" a ON a."runId" = t.id AND a.role = 'ASSISTANT'),
  recent AS (SELECT * FROM said ORDER BY depth, ord DESC LIMIT $2)
  SELECT s.id, s."userId", s.agent, (SELECT id FROM parent) AS "parentRunId",
    (SELECT json_build_object('questionId', "questionId", 'question', question) FROM target) AS target,
    (SELECT coalesce(json_agg(json_build_object('role', role, 'text', text) ORDER BY depth DESC, ord), '[]') FROM recent) AS history
  FROM "ChatSession" s WHERE s.id = $1 AND s."deletedAt" IS NULL`;

/**
 * A session with the last `limit` messages (oldest first) of the branch a new run continues, and
 * where that run goes; undefined when there is no such session.
 */
export async function loadConversation(
  db: Queryable,
  sessionId: string,
  limit: number,
  branch?: Branch,
): Promise<ConversationRow | undefined> {
  const [mode, runId] = branch ? (Object.entries(branch)[0] as [keyof typeof MODES, string]) : [undefined, null];
  const { rows } = await db.query<ConversationRow>({
    text: LOAD_CONVERSATION,
    values: [sessionId, limit, runId, mode ? MODES[mode] : null],
  });
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
  /** The process executing it; none while it waits in the run queue for a worker. */
  instanceId: string | null;
  /** Its job in the run queue (RUN_EXECUTOR=pgboss). */
  jobId?: string;
  expiresAt: Date;
  /** The run this one follows in its session's tree. */
  parentRunId?: string | null;
  /** The question this run answers again (a regenerated answer); a new question is stored otherwise. */
  questionId?: string;
  /** A new session's title. */
  title: string;
  /** What executing it needs beyond the row (`Run.input`). */
  input: unknown;
};

export type RunStarted = { runId: string; sessionId: string };

// Runs of any number of sessions, new and continued, with their questions, in one statement.
// Sessions continued by several runs of the batch are touched once, counted once per new question.
const START_RUNS = `WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"RunStatus"[], $7::text[],
      $8::text[], $9::jsonb[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::boolean[], $15::text[], $16::text[], $17::text[],
      $18::jsonb[], $19::text[])
      AS i(session_id, user_id, agent, run_id, model, status, message_id, query, params, instance_id, expires_at, started_at, is_new,
        parent_run_id, question_id, title, input, job_id)),
  created AS (
    INSERT INTO "ChatSession" (id, "userId", agent, title, params, "messageCount", "createdAt", "lastActiveAt", "expiresAt")
    SELECT session_id, user_id, agent, title, params, 1, $14, $14, expires_at FROM input WHERE is_new
    RETURNING id),
  touched AS (
    UPDATE "ChatSession" s SET "messageCount" = s."messageCount" + c.runs, "lastActiveAt" = $14, "expiresAt" = c.expires_at
    FROM (SELECT session_id, count(*) FILTER (WHERE question_id IS NULL) AS runs, max(expires_at) AS expires_at
          FROM input WHERE NOT is_new GROUP BY session_id) c
    WHERE s.id = c.session_id AND s."deletedAt" IS NULL
    RETURNING s.id),
  runs AS (
    INSERT INTO "Run" (id, "sessionId", "userId", agent, model, status, query, params, "instanceId", "createdAt", "startedAt",
      "parentRunId", "questionId", input, "jobId")
    SELECT run_id, session_id, user_id, agent, model, status, query, params, instance_id, $14, started_at,
      parent_run_id, coalesce(question_id, message_id), input, job_id FROM input
    WHERE session_id IN (SELECT id FROM created UNION ALL SELECT id FROM touched)
    RETURNING id),
  asked AS (
    INSERT INTO "Message" (id, "sessionId", "runId", role, text, "createdAt")
    SELECT i.message_id, i.session_id, i.run_id, 'USER', i.query, $14 FROM input i JOIN runs r ON r.id = i.run_id
    WHERE i.question_id IS NULL)
  SELECT id AS "runId" FROM runs`;

/**
 * Runs, their user messages (a regenerated answer has none of its own) and their sessions (created, or touched) in one statement, however
 * many. Returns each run's ids, or undefined for a run whose session to continue was deleted.
 */
export async function insertRunStarts(db: Queryable, starts: RunStart[]): Promise<(RunStarted | undefined)[]> {
  const now = new Date();
  const ids = starts.map((start) => ({ runId: newId(), sessionId: start.sessionId ?? newId() }));
  const column = <T>(pick: (start: RunStart, i: number) => T) => starts.map(pick);
  const { rows } = await db.query<{ runId: string }>({
    text: START_RUNS,
    values: [
      ids.map((id) => id.sessionId),
      column((start) => start.userId),
      column((start) => start.agent),
      ids.map((id) => id.runId),
      column((start) => start.model),
      column((start) => start.status),
      column(() => newId()),
      column((start) => start.query),
      column((start) => JSON.stringify(start.params)),
      column((start) => start.instanceId),
      column((start) => start.expiresAt),
      column((start) => (start.status === "RUNNING" ? now : null)),
      column((start) => !start.sessionId),
      now,
      column((start) => start.parentRunId ?? null),
      column((start) => start.questionId ?? null),
      column((start) => start.title),
      column((start) => JSON.stringify(start.input)),
      column((start) => start.jobId ?? null),
    ],
  });
  const started = new Set(rows.map((row) => row.runId));
  return ids.map((id) => (started.has(id.runId) ? id : undefined));
}

// A run that was waiting here for a slot, or to be resumed here (a takeover by a newer job attempt is `takeRun`'s).
const WAITED = fromStates("RUNNING").filter((state) => state !== "RUNNING");
const MARK_RUNNING = `UPDATE "Run" SET status = 'RUNNING', "startedAt" = now() WHERE id = $1 AND status IN (${sqlStates(WAITED)})`;

/** A queued run gets its turn. */
export async function markRunning(db: Queryable, runId: string) {
  await db.query(MARK_RUNNING, [runId]);
}

/**
 * Ends a run nobody executes any more (its instance died, or its events could not be stored): the
 * row, the session's status and a final `error` event after the last stored one, in one statement.
 * Undefined when the run had ended meanwhile.
 */
export async function insertRunAbandoned(
  db: Queryable,
  runId: string,
  error: { code: "INTERRUPTED" | "INTERNAL" | "CANCELLED"; message: string },
  /** Only while no process has taken it (a run waiting in the run queue). */
  { untaken = false } = {},
): Promise<SequencedEvent | undefined> {
  const event = { type: "error", ...error } as const;
  const { type, ...data } = event;
  const status = endStatus(event);
  const { rows } = await db.query<{ seq: number }>(
    `WITH run AS (
       UPDATE "Run" SET status = $6, "finishedAt" = now(), "errorCode" = $5, "errorMessage" = $2
       WHERE id = $1 AND status IN (${sqlStates(LIVE)}) AND (NOT $7 OR "instanceId" IS NULL) RETURNING id, "sessionId"),
     session AS (UPDATE "ChatSession" s SET "lastRunStatus" = $6 FROM run WHERE s.id = run."sessionId")
     INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt")
     SELECT id, coalesce((SELECT max(seq) FROM "RunEvent" WHERE "runId" = $1), 0) + 1, $3, $4::json, now() FROM run
     RETURNING seq`,
    [runId, error.message, type, JSON.stringify(data), error.code, status, untaken],
  );
  return rows[0] && { ...event, seq: rows[0].seq };
}

// Taken over from `from` (the instance that held it), once: a second taker finds it moved.
const CLAIM = `UPDATE "Run" SET status = 'RETRYING', "instanceId" = $3, attempts = attempts + 1
  WHERE id = $1 AND "instanceId" IS NOT DISTINCT FROM $2 AND status IN (${sqlStates(fromStates("RETRYING"))})
  RETURNING id, "sessionId", "userId", agent, query, params, input`;

export type ClaimedRun = {
  id: string;
  sessionId: string;
  userId: string;
  agent: string;
  query: string;
  params: Record<string, unknown> | null;
  input: unknown;
};

/** Takes over a run whose instance `from` is gone, for `instanceId` to execute it again; undefined if another took it first. */
export async function claimRun(db: Queryable, runId: string, from: string | null, instanceId: string): Promise<ClaimedRun | undefined> {
  const { rows } = await db.query<ClaimedRun>(CLAIM, [runId, from, instanceId]);
  return rows[0];
}

// A worker takes the run for the `attempt`-th execution of its job; a newer attempt takes it from an older one.
const TAKE = `UPDATE "Run" SET status = 'RUNNING', "instanceId" = $2, attempts = $3, "startedAt" = now()
  WHERE id = $1 AND status IN (${sqlStates(fromStates("RUNNING"))}) AND attempts <= $3
  RETURNING id, "sessionId", "userId", agent, query, params, input`;

/** A worker takes a run from the run queue for `instanceId` to execute; undefined if it has ended or a newer attempt has it. */
export async function takeRun(db: Queryable, runId: string, instanceId: string, attempt: number): Promise<ClaimedRun | undefined> {
  const { rows } = await db.query<ClaimedRun>(TAKE, [runId, instanceId, attempt]);
  return rows[0];
}
