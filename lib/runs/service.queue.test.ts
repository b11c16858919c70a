import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SequencedEvent } from "@/lib/agent/events";
import type { Caller } from "@/lib/db/users";

import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { readEvents } from "./event-store";
import { createRuntime, installRuntime } from "./runtime";
import { cancelRun, startRun } from "./service";

// One run at a time on this instance: the second waits its turn.
const runtime = installRuntime(createRuntime({ ...env, MAX_ACTIVE_RUNS: 1 }));
const { admission } = runtime;

let caller: Caller;
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `queue-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
afterAll(async () => {
  await runtime.close();
  await pool.end();
});

const types = (events: SequencedEvent[]) => events.map((e) => e.type);

describe("runs beyond MAX_ACTIVE_RUNS", () => {
  it("wait as QUEUED with a queued event carrying their position, then run in turn", async () => {
    const first = await startRun({ agent: "assistant", caller, query: "What is 6 * 7?" });
    const second = await startRun({ agent: "assistant", caller, query: "What is 5 * 5?" });
    expect((await db.run.findUniqueOrThrow({ where: { id: second.runId } })).status).toBe("QUEUED");
    expect([admission.active, admission.queued]).toEqual([1, 1]);
    expect((await first.finished)!.status).toBe("succeeded");
    expect((await second.finished)!.status).toBe("succeeded");
    const events = await readEvents(pool, second.runId);
    expect(events[0]).toEqual({ type: "queued", position: 1, seq: 1 });
    expect(types(events).slice(1, 2)).toEqual(["start"]);
    expect(types(events).at(-1)).toBe("done");
    const run = await db.run.findUniqueOrThrow({ where: { id: second.runId } });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.startedAt!.getTime()).toBeGreaterThan(run.createdAt.getTime());
    expect([admission.active, admission.queued]).toEqual([0, 0]);
  });

  it("a queued run can be cancelled before it starts", async () => {
    const first = await startRun({ agent: "assistant", caller, query: "What is 6 * 7?" });
    const second = await startRun({ agent: "assistant", caller, query: "What is 5 * 5?" });
    await cancelRun(caller, second.runId);
    expect((await second.finished)!.status).toBe("cancelled");
    expect(types(await readEvents(pool, second.runId))).toEqual(["queued", "error"]);
    expect(await db.run.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({ status: "CANCELLED", errorCode: "CANCELLED" });
    expect((await first.finished)!.status).toBe("succeeded");
  });
});
