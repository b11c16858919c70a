import type pg from "pg";
import type { SequencedEvent } from "@/lib/agent/events";

/** A pool or a checked-out client: whatever runs a statement. */
export type Queryable = Pick<pg.Pool, "query">;

/** One event of one run as stored, with the time it happened (the admin timeline shows offsets). */
export type StoredEvent = { runId: string; event: SequencedEvent; at: Date };

// One statement for any number of rows of any number of runs: arrays, not a VALUES list, so its
// text stays the same whatever the batch and it is prepared once per connection (named). `json` keeps each payload as written (key
// order, \u0000 escapes), so a replay is byte-for-byte what the live stream sent. A row already
// stored (a retry after a lost acknowledgement) is skipped, not an error.
const INSERT = `INSERT INTO "RunEvent" ("runId", seq, type, data, "createdAt")
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::json[], $5::timestamptz[])
  ON CONFLICT DO NOTHING`;

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
  await db.query({ name: "insert-run-events", text: INSERT, values: [runIds, seqs, types, data, times] });
}

/** Stored events of a run after `afterSeq`, in order. */
export async function readEvents(db: Queryable, runId: string, afterSeq = 0): Promise<SequencedEvent[]> {
  const { rows } = await db.query<{ seq: number; type: string; data: object }>({
    name: "read-run-events",
    text: `SELECT seq, type, data FROM "RunEvent" WHERE "runId" = $1 AND seq > $2 ORDER BY seq`,
    values: [runId, afterSeq],
  });
  return rows.map(({ seq, type, data }) => ({ ...data, type, seq }) as SequencedEvent);
}
