import "server-only";
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import type { SequencedEvent } from "@/lib/agent/events";
import { getRedis } from "@/lib/redis";

/** What travels about a run: its events (after they are stored) and requests to cancel it. */
export type RunMessage = { type: "events"; events: SequencedEvent[] } | { type: "cancel" };
type Handler = (message: RunMessage) => void;

export interface Bus {
  publish(runId: string, message: RunMessage): Promise<void>;
  /** Resolves once the subscription is live; returns the unsubscribe function. */
  subscribe(runId: string, handler: Handler): Promise<() => Promise<void>>;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    async publish(runId, message) {
      emitter.emit(runId, message);
    },
    async subscribe(runId, handler) {
      emitter.on(runId, handler);
      return async () => void emitter.off(runId, handler);
    },
  };
}

/** Redis pub/sub, one channel per run, so any instance can follow or cancel a run another executes. */
export function createRedisBus(publisher: Redis): Bus {
  const subscriber = publisher.duplicate();
  // Its outages are the publisher's, which logs them.
  subscriber.on("error", () => {});
  const local = createMemoryBus();
  const channel = (runId: string) => `agent-studio:run:${runId}`;
  const listeners = new Map<string, number>();
  subscriber.on("message", (name: string, payload: string) => {
    void local.publish(name, JSON.parse(payload) as RunMessage);
  });
  // While Redis is down nothing waits for it (lib/redis.ts logs the outage): messages are dropped,
  // followers read the event log, which is the truth, and ioredis re-subscribes when it is back.
  return {
    async publish(runId, message) {
      if (publisher.status !== "ready") return;
      await publisher.publish(channel(runId), JSON.stringify(message));
    },
    async subscribe(runId, handler) {
      const name = channel(runId);
      const unsubscribeLocal = await local.subscribe(name, handler);
      listeners.set(name, (listeners.get(name) ?? 0) + 1);
      // A subscription Redis loses (it went down meanwhile) only slows the follower to the log's pace.
      if (listeners.get(name) === 1) {
        const subscribed = subscriber.subscribe(name).catch(() => {});
        if (subscriber.status === "ready") await subscribed;
      }
      return async () => {
        await unsubscribeLocal();
        const left = (listeners.get(name) ?? 1) - 1;
        if (left > 0) return void listeners.set(name, left);
        listeners.delete(name);
        await subscriber.unsubscribe(name).catch(() => {});
      };
    },
  };
}

const globalForBus = globalThis as { agentStudioBus?: Bus };

export function getBus(): Bus {
  if (!globalForBus.agentStudioBus) {
    const redis = getRedis();
    globalForBus.agentStudioBus = redis ? createRedisBus(redis) : createMemoryBus();
  }
  return globalForBus.agentStudioBus;
}
