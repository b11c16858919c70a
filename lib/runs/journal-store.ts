import type { RunJournal, StepRecord } from "@/lib/agent/journal";
import type { Queryable } from "./event-store";

/** A step as stored: the agent's record, and the run's last event before its latest attempt began. */
export type StoredStep = StepRecord & { afterSeq: number };

/** A run's journal as stored, by step key. */
export async function loadSteps(db: Queryable, runId: string): Promise<Map<string, StoredStep>> {
  const { rows } = await db.query<{ key: string; status: "started" | "done"; attempt: number; afterSeq: number; output: unknown }>(
    `SELECT key, status, attempt, "afterSeq", output FROM "RunStep" WHERE "runId" = $1`,
    [runId],
  );
  return new Map(rows.map(({ key, ...step }) => [key, step]));
}

const START = `INSERT INTO "RunStep" ("runId", key, kind, status, attempt, "afterSeq") VALUES ($1, $2, $3, 'started', 1, $4)
  ON CONFLICT ("runId", key) DO UPDATE SET status = 'started', attempt = "RunStep".attempt + 1, "afterSeq" = $4, "startedAt" = now()
  RETURNING attempt`;

type StepStore = {
  db: Queryable;
  runId: string;
  /** The journal as it was when this execution began. */
  steps: ReadonlyMap<string, StoredStep>;
  /** The seq of the run's last event emitted so far. */
  lastSeq: () => number;
  /** Resolves once every event emitted so far is stored. */
  stored: () => Promise<void>;
};

/**
 * The step journal of one execution of a run, in the `RunStep` table. A step's start is stored before
 * its work begins (a crash mid-call is then known as one), and its end only after the events it
 * emitted are: a step is never done in the journal without its events in the log.
 */
export function stepJournal({ db, runId, steps, lastSeq, stored }: StepStore): RunJournal {
  return {
    get: (key) => steps.get(key),
    async start(key, kind) {
      const { rows } = await db.query<{ attempt: number }>(START, [runId, key, kind, lastSeq()]);
      return rows[0]!.attempt;
    },
    async finish(key, output) {
      await stored();
      await db.query(`UPDATE "RunStep" SET status = 'done', output = $3::json, "finishedAt" = now() WHERE "runId" = $1 AND key = $2`, [
        runId,
        key,
        JSON.stringify(output ?? null),
      ]);
    },
  };
}
