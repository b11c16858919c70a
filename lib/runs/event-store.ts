import type pg from "pg";
import { asSequencedEvent, type SequencedEvent, type Usage } from "@/lib/agent/events";
import type { RunStatus } from "@/lib/db/generated/enums";
import { newId } from "@/lib/db/ids";
import { isLive, LIVE, sqlStates } from "@/lib/db/run-lifecycle";

/** A pool or a checked-out client: whatever runs a statement. */
export type Queryable = Pick<pg.Pool, "query">;

/** How a run ended, stored with its final event. */
export type RunEnd = {
  status: RunStatus;
  model: string;
  durationMs: number;
  usage: Usage;
  error?: { code: string; message: string };
  outputs: Record<string, unknown>;
  /** The answer's text, for the model's memory; none when the run produced nothing to keep. */
  answer?: { text: string };
  /** The session's new expiry. */
  expiresAt: Date;
};

/**
 * One event of one run as stored, with the time it happened (the admin timeline shows offsets).
 * A run's final event carries how the run ended: both are stored by the same statement.
 */
export type StoredEvent = { runId: string; event: SequencedEvent; at: Date; end?: RunEnd };

// One statement for any number of rows of any number of runs: arrays, not a VALUES list, so its
// text stays the same whatever the batch. Not named (prepared): the embedded database shares one
// backend session between connections, so a reconnect would find the name taken. `json` keeps
// each payload as written (key order, \u0000 escapes), so a replay is byte-for-byte what the live
// stream sent. A row already stored (a retry after a lost acknowledgement) is skipped, not an error.
const INSERT = `INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt")
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::json[], $5::timestamptz[])
  ON CONFLICT DO NOTHING`;

// The same, with the runs that end in the batch: their rows, answers and sessions. Whoever sees a
// final event and then reads the run, its session or its messages finds them complete. A session
// two runs of the batch belong to is updated once, with both answers counted.
const INSERT_WITH_ENDS = `WITH ended AS (
    SELECT * FROM unnest($6::text[], $7::"RunStatus"[], $8::text[], $9::int[], $10::int[], $11::int[], $12::text[],
      $13::text[], $14::json[], $15::text[], $16::text[], $17::timestamptz[], $18::timestamptz[])
      AS i(run_id, status, model, duration_ms, input_tokens, output_tokens, error_code, error_message, output, message_id,
        text, expires_at, finished_at)),
  run AS (
    UPDATE "Run" r SET status = i.status, model = i.model, "finishedAt" = i.finished_at, "durationMs" = i.duration_ms,
      "inputTokens" = i.input_tokens, "outputTokens" = i.output_tokens, "errorCode" = i.error_code,
      "errorMessage" = i.error_message, output = i.output
    FROM ended i WHERE r.id = i.run_id AND r.status IN (${sqlStates(LIVE)})
    RETURNING r."sessionId", i.status, i.expires_at, i.finished_at, i.text IS NOT NULL AS answered),
  answer AS (
    INSERT INTO "Message" (id, "sessionId", "runId", role, text, "createdAt")
    SELECT i.message_id, r."sessionId", i.run_id, 'ASSISTANT', i.text, i.finished_at
    FROM ended i JOIN "Run" r ON r.id = i.run_id WHERE i.text IS NOT NULL),
  session AS (
    UPDATE "ChatSession" s SET "lastRunStatus" = e.status, "lastActiveAt" = e.finished_at, "expiresAt" = e.expires_at,
      "messageCount" = s."messageCount" + e.answers
    FROM (SELECT "sessionId", (array_agg(status))[1] AS status, max(expires_at) AS expires_at, max(finished_at) AS finished_at,
            count(*) FILTER (WHERE answered) AS answers
          FROM run GROUP BY "sessionId") e
    WHERE s.id = e."sessionId")
  ${INSERT}`;

function endColumns(rows: StoredEvent[]) {
  const ended = rows.filter((row): row is StoredEvent & { end: RunEnd } => row.end !== undefined);
  const column = <T>(pick: (row: StoredEvent & { end: RunEnd }) => T) => ended.map(pick);
  return [
    column((row) => row.runId),
    column((row) => row.end.status),
    column((row) => row.end.model),
    column((row) => row.end.durationMs),
    column((row) => row.end.usage.input_tokens),
    column((row) => row.end.usage.output_tokens),
    column((row) => row.end.error?.code ?? null),
    column((row) => row.end.error?.message ?? null),
    column((row) => (Object.keys(row.end.outputs).length > 0 ? JSON.stringify(row.end.outputs) : null)),
    column(() => newId()),
    column((row) => row.end.answer?.text ?? null),
    column((row) => row.end.expiresAt),
    column((row) => row.at),
  ];
}

export async function insertEvents(db: Queryable, rows: StoredEvent[]) {
  const runIds: string[] = [];
  const seqs: number[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const times: string[] = [];
  for (const { runId, event, at } of rows) {
    const { type, seq, ...rest } = event;
    runIds.push(runId);
    seqs.push(seq);
    types.push(type);
    data.push(JSON.stringify(rest));
    times.push(at.toISOString());
  }
  const events = [runIds, seqs, types, data, times];
  if (rows.some((row) => row.end)) await db.query({ text: INSERT_WITH_ENDS, values: [...events, ...endColumns(rows)] });
  else await db.query({ text: INSERT, values: events });
}

/** Stored events of a run after `afterSeq`, in order. */
export async function readEvents(db: Queryable, runId: string, afterSeq = 0): Promise<SequencedEvent[]> {
  return (await readLog(db, runId, afterSeq)).events;
}

/**
 * The stored events after `afterSeq`, and whether the run is over, read together: a run's end is
 * stored with its final event, so `over` means no event after these will ever come.
 */
export async function readLog(db: Queryable, runId: string, afterSeq: number) {
  const { rows } = await db.query<{ status: RunStatus; seq: number | null; type: string; data: object }>({
    text: `SELECT r.status, e.seq, e.type, e.data FROM "Run" r
      LEFT JOIN "RunEvent" e ON e."runId" = r.id AND e.seq > $2
      WHERE r.id = $1 ORDER BY e.seq`,
    values: [runId, afterSeq],
  });
  const over = rows.length === 0 || !isLive(rows[0]!.status);
  const events = rows.filter((row) => row.seq !== null).map(({ seq, type, data }) => asSequencedEvent({ ...data, type, seq }));
  return { events, over };
}

/** The stored events of a session's ended runs, by run: what its transcript shows. */
export async function readSessionLogs(db: Queryable, sessionId: string) {
  const { rows } = await db.query<{ runId: string; seq: number; type: string; data: object }>({
    text: `SELECT e."runId", e.seq, e.type, e.data FROM "Run" r JOIN "RunEvent" e ON e."runId" = r.id
      WHERE r."sessionId" = $1 AND r.status NOT IN (${sqlStates(LIVE)}) ORDER BY e."runId", e.seq`,
    values: [sessionId],
  });
  const logs = new Map<string, SequencedEvent[]>();
  for (const { runId, seq, type, data } of rows) {
    const log = logs.get(runId) ?? [];
    if (log.length === 0) logs.set(runId, log);
    log.push(asSequencedEvent({ ...data, type, seq }));
  }
  return logs;
}
