import "server-only";
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { z } from "zod";
import { sequencedEventSchema } from "@/lib/agent/events";
import { logger } from "@/lib/log";

/**
 * What travels between instances: a run's events (after they are stored) on the run's channel, and
 * requests to cancel a run on the channel of the instance executing it.
 */
const runMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("events"), events: z.array(sequencedEventSchema) }),
  z.object({ type: z.literal("cancel"), runId: z.string() }),
]);
type RunMessage = z.infer<typeof runMessageSchema>;
type Handler = (message: RunMessage) => void;

export interface Bus {
  /** Resolves to how many subscribers (of any instance) it reached: 0 while Redis is down. */
  publish(channel: string, message: RunMessage): Promise<number>;
  /** Resolves once the subscription is live; returns the unsubscribe function. */
  subscribe(channel: string, handler: Handler): Promise<() => Promise<void>>;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    async publish(channel, message) {
      const reached = emitter.listenerCount(channel);
      emitter.emit(channel, message);
      return reached;
    },
    async subscribe(channel, handler) {
      emitter.on(channel, handler);
      return async () => void emitter.off(channel, handler);
    },
  };
}

/**
 * What another instance sent, checked (anything on Redis may publish to our channels), and kept as
 * sent (events in the order of their keys); undefined when it is not JSON or not a run message.
 */
function parseRunMessage(payload: string): RunMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return runMessageSchema.safeParse(message).success ? (message as RunMessage) : undefined;
}

/** Redis pub/sub, one channel per run and per instance, so any instance can follow or cancel a run another executes. */
export function createRedisBus(publisher: Redis): Bus {
  const subscriber = publisher.duplicate();
  // Its outages are the publisher's, which logs them.
  subscriber.on("error", () => {});
  const local = createMemoryBus();
  const channel = (name: string) => `agent-studio:run:${name}`;
  const listeners = new Map<string, number>();
  subscriber.on("message", (name: string, payload: string) => {
    const message = parseRunMessage(payload);
    if (message) void local.publish(name, message);
    // A short prefix says what it was; a whole payload may be a run's every event.
    else logger.warn({ channel: name, prefix: payload.slice(0, 80) }, "dropped a bus message that is not a run message");
  });
  // While Redis is down nothing waits for it (lib/redis.ts logs the outage): messages are dropped,
  // followers read the event log, which is the truth, and ioredis re-subscribes when it is back.
  return {
    async publish(name, message) {
      if (publisher.status !== "ready") return 0;
      return publisher.publish(channel(name), JSON.stringify(message));
    },
    async subscribe(target, handler) {
      const name = channel(target);
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

/** Redis pub/sub when there is a Redis, else in-process (one instance). */
export function createBus(redis: Redis | undefined): Bus {
  return redis ? createRedisBus(redis) : createMemoryBus();
}
