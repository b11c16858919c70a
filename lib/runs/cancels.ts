import "server-only";
import type { Runtime } from "./runtime";

/**
 * A cancel reaches the run wherever it executes: each process listens on its own channel of the bus
 * (`instance:<id>`), and whoever is asked to cancel a run another executes publishes there.
 */
const instanceChannel = (instanceId: string) => `instance:${instanceId}`;
// Just after Redis comes back, the owner may not have subscribed again yet: a cancel nobody heard is sent again.
const CANCEL_RESEND_MS = 250;
const CANCEL_REACH_MS = 2_000;

export async function askToCancel(rt: Runtime, instanceId: string, runId: string) {
  const deadline = Date.now() + CANCEL_REACH_MS;
  while ((await rt.bus.publish(instanceChannel(instanceId), { type: "cancel", runId })) === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, CANCEL_RESEND_MS));
  }
}

const listening = new WeakMap<Runtime, Promise<unknown>>();

/** Cancels asked of this instance by others arrive on its own channel, one subscription for all runs. */
export function listenForCancels(rt: Runtime) {
  let subscribed = listening.get(rt);
  if (!subscribed) {
    subscribed = rt.bus.subscribe(instanceChannel(rt.instance.id), (message) => {
      if (message.type === "cancel") rt.active.cancelLocally(message.runId);
    });
    listening.set(rt, subscribed);
  }
  return subscribed;
}
