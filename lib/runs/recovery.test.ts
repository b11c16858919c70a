import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { readEvents } from "./event-store";
import { recoverOrphanedRuns } from "./recovery";
import { insertRunStarts } from "./run-store";
import { createRuntime, installRuntime } from "./runtime";
import { followOutcome } from "./service";

const rt = installRuntime(createRuntime({ ...env, INSTANCE_NAME: `recovery-test-${Date.now()}` }));
let userId: string;
beforeAll(async () => {
  userId = (await db.user.create({ data: { email: `recovery-${Date.now()}@example.com` } })).id;
});
afterAll(async () => {
  await rt.close();
  await pool.end();
});

/** A run an earlier process of this instance left RUNNING before it had stored anything. */
async function leftByEarlierProcess(query: string) {
  const [started] = await insertRunStarts(pool, [
    {
      userId,
      agent: "assistant",
      model: "demo",
      query,
      params: {},
      status: "RUNNING",
      instanceId: `${rt.instance.name}/gone`,
      expiresAt: new Date(Date.now() + 3_600_000),
      title: query,
      input: { history: [], titleByModel: false },
    },
  ]);
  return started!.runId;
}

describe("taking over the runs nobody executes", () => {
  it("resumes an orphan once however many rounds find it together, and the run completes", async () => {
    const runId = await leftByEarlierProcess("What is 6 * 7?");
    // Other files' orphans in the same database may be taken too: this run is what is checked.
    await Promise.all([recoverOrphanedRuns(rt), recoverOrphanedRuns(rt)]);
    expect((await followOutcome(runId)).status).toBe("succeeded");
    // Taken over once: one more execution, not two, and not ended as interrupted by the round that lost.
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", attempts: 2, instanceId: rt.instance.id, errorCode: null });
    const log = await readEvents(pool, runId);
    expect(log.map((event) => event.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((event) => event.type === "start")).toHaveLength(1);
  });

  it("ends an orphan whose input it cannot resume from as interrupted", async () => {
    const runId = await leftByEarlierProcess("What is 2 + 2?");
    await db.run.update({ where: { id: runId }, data: { input: { history: "not a conversation" } } });
    await recoverOrphanedRuns(rt);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "FAILED", errorCode: "INTERRUPTED" });
    expect((await readEvents(pool, runId)).at(-1)).toMatchObject({ type: "error", code: "INTERRUPTED" });
  });
});
