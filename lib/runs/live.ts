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

/** The channels of the runs executing in this process. */
export function createChannels() {
  const channels = new Map<string, Channel>();
  return {
    /** A resumed run's channel begins with the events its earlier executions stored. */
    open(runId: string, stored: readonly SequencedEvent[] = []) {
      const listeners = new Set<Listener>();
      channels.set(runId, {
        events: [...stored],
        listeners,
        listen(listener) {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        },
      });
    },

    /** The channel of a run executing in this process, if it is. */
    find(runId: string): RunChannel | undefined {
      return channels.get(runId);
    },

    deliver(runId: string, events: SequencedEvent[]) {
      const channel = channels.get(runId);
      if (!channel) return;
      channel.events.push(...events);
      for (const listener of channel.listeners) listener.events(events);
    },

    /** The run has ended here: later followers read the log. */
    close(runId: string) {
      const channel = channels.get(runId);
      channels.delete(runId);
      for (const listener of channel?.listeners ?? []) listener.closed();
    },
  };
}

export type Channels = ReturnType<typeof createChannels>;
