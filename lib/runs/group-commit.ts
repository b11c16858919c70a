import { isTransientDbError } from "@/lib/db/errors";

type Entry<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Group commit for a statement that takes many rows: calls made while one statement is in flight
 * go together in the next, so a burst of 200 costs a few statements instead of 200, and a call in
 * a quiet moment goes at once. `commit` returns one result per item, in order.
 */
export function createGroupCommit<T, R>(commit: (items: T[]) => Promise<R[]>, maxBatch: number) {
  let queue: Entry<T, R>[] = [];
  let busy = false;

  async function run(batch: Entry<T, R>[]) {
    try {
      const results = await commit(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || isTransientDbError(error)) return batch.forEach((entry) => entry.reject(error));
      // An item the database rejects must not cost the others theirs.
      for (const entry of batch) await run([entry]);
    }
  }

  async function drain() {
    busy = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await run(batch);
    }
    busy = false;
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!busy) void drain();
    });
}
