import type { SequencedEvent } from "@/lib/agent/events";

type Listener = { events: (events: SequencedEvent[]) => void; closed: () => void };

/**
 * What followers in this process see of a run executing here: every event handed to the event log
 * so far (seq n at index n - 1) and a listener per follower. A follower reads and subscribes in the
 * same tick, so it misses nothing and needs no database read.
 */
export type RunChannel = {
  readonly events: readonly SequencedEvent[];
  listen(listener: Listener): () => void;
};

type Channel = RunChannel & { events: SequencedEvent[]; listeners: Set<Listener> };

const channels = ((globalThis as { agentStudioChannels?: Map<string, Channel> }).agentStudioChannels ??= new Map());

export function openChannel(runId: string) {
  const listeners = new Set<Listener>();
  const channel: Channel = {
    events: [],
    listeners,
    listen(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  channels.set(runId, channel);
}

/** The channel of a run executing in this process, if it is. */
export function findChannel(runId: string): RunChannel | undefined {
  return channels.get(runId);
}

export function deliver(runId: string, events: SequencedEvent[]) {
  const channel = channels.get(runId);
  if (!channel) return;
  channel.events.push(...events);
  for (const listener of channel.listeners) listener.events(events);
}

/** The run has ended here: later followers read the log. */
export function closeChannel(runId: string) {
  const channel = channels.get(runId);
  channels.delete(runId);
  for (const listener of channel?.listeners ?? []) listener.closed();
}
