type StoredEvent = { seq: number; type: string; data: unknown; createdAt: Date };

export type TimelineEntry = {
  seq: number;
  /** Last seq of a merged stretch of text or thinking chunks (the same as seq otherwise). */
  lastSeq: number;
  type: string;
  /** Milliseconds from the run's start. */
  offsetMs: number;
  data: Record<string, unknown>;
  /** How many events the entry stands for. */
  count: number;
};

const CHUNKED = new Set(["text", "thinking"]);

/**
 * A run's stored events as a timeline: each event at its offset from the run's start, with runs of
 * token chunks (text, thinking of one phase) merged into one entry, so a reviewer reads sentences
 * rather than hundreds of rows of tokens.
 */
export function timelineOf(events: readonly StoredEvent[], startedAt: Date): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    const last = entries.at(-1);
    if (last && CHUNKED.has(event.type) && last.type === event.type && last.data.phase_id === data.phase_id) {
      last.data = { ...last.data, content: `${last.data.content ?? ""}${data.content ?? ""}` };
      last.lastSeq = event.seq;
      last.count += 1;
      continue;
    }
    entries.push({
      seq: event.seq,
      lastSeq: event.seq,
      type: event.type,
      offsetMs: event.createdAt.getTime() - startedAt.getTime(),
      data,
      count: 1,
    });
  }
  return entries;
}
