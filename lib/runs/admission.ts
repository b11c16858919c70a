/**
 * A cap on the runs executing at once in this process. Beyond it a run waits its turn, first come
 * first served, instead of slowing every stream down.
 */
export function createAdmission(limit: number) {
  let active = 0;
  const waiting: { admit: () => void }[] = [];

  return {
    /** Takes a slot if one is free now. */
    tryAcquire() {
      if (active >= limit || waiting.length > 0) return false;
      active += 1;
      return true;
    },
    /**
     * Waits for a slot: `position` is the place in the queue (1 = next), `admitted` resolves when
     * the slot is taken, or rejects with the signal's reason when the wait is abandoned.
     */
    enqueue(signal: AbortSignal) {
      if (active < limit && waiting.length === 0) {
        active += 1;
        return { position: 0, admitted: Promise.resolve() };
      }
      let entry!: { admit: () => void };
      const admitted = new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(signal.reason);
        };
        entry = {
          admit: () => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        waiting.push(entry);
      });
      return { position: waiting.length, admitted };
    },
    /** Frees a slot: the longest-waiting run takes it. */
    release() {
      const next = waiting.shift();
      if (next) next.admit();
      else active -= 1;
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
