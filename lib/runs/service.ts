import "server-only";
import { randomUUID } from "node:crypto";
import { isTerminal, type SequencedEvent } from "@/lib/agent/events";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import { resolveParams } from "@/lib/agent/params";
import { expiryAfter } from "@/lib/agent/memory/types";
import type { Caller, Viewer } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import type { RunStatus } from "@/lib/db/generated/enums";
import { ApiError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { observeRun } from "@/lib/observability/runs";
import { cancelLocally, refuseWhenDraining, SHUTDOWN, track } from "./active-runs";
import { getBus } from "./bus";
import { appendFinalEvent, createEventLog } from "./event-log";
import { getRuntime } from "./runtime";

/** This process, so a run row says which instance executes it. */
export const INSTANCE_ID = randomUUID();

const STATUS: Record<RunOutcome["status"], RunStatus> = {
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  cancelled: "CANCELLED",
  timed_out: "TIMED_OUT",
};

export type StartRun = { agent: string; caller: Caller; query: string; sessionId?: string; params?: unknown };

export async function requireAgent(name: string) {
  const agent = (await getRuntime()).agents.get(name);
  if (!agent) throw new ApiError("not_found", `No agent named "${name}".`);
  return agent;
}

/** A session the caller may use: their own (any, for admins). Anything else is "not found". */
export async function findVisibleSession(caller: Viewer, id: string, agent?: string) {
  const session = await db.chatSession.findUnique({ where: { id } });
  if (!session || (agent && session.agent !== agent) || (session.userId !== caller.id && caller.role !== "ADMIN")) {
    throw new ApiError("not_found", "No such session.");
  }
  return session;
}

export async function findVisibleRun(caller: Viewer, id: string) {
  const run = await db.run.findUnique({ where: { id } });
  if (!run || (run.userId !== caller.id && caller.role !== "ADMIN")) throw new ApiError("not_found", "No such run.");
  return run;
}

/**
 * Creates the run (and its session when new) and starts executing it, detached from the request:
 * a client that goes away stops nothing. `finished` settles when the run has ended and is stored.
 */
export async function startRun({ agent: name, caller, query, sessionId, params }: StartRun) {
  refuseWhenDraining();
  const agent = await requireAgent(name);
  const checkedParams = resolveParams(agent.config, params);
  if (!checkedParams.ok) throw new ApiError("invalid_body", checkedParams.error);

  const existing = sessionId ? await findVisibleSession(caller, sessionId, name) : undefined;
  const userId = existing?.userId ?? caller.id;
  // One statement creates the run (and a new session with it); the run starts at once, so RUNNING.
  const run = await db.run.create({
    data: {
      session: existing
        ? { connect: { id: existing.id } }
        : {
            create: {
              user: { connect: { id: userId } },
              agent: name,
              title: query.slice(0, 80),
              params: checkedParams.params as object,
              expiresAt: expiryAfter(agent.config.memory.ttl_minutes),
            },
          },
      user: { connect: { id: userId } },
      agent: name,
      model: agent.config.model,
      query,
      params: checkedParams.params as object,
      status: "RUNNING",
      startedAt: new Date(),
      instanceId: INSTANCE_ID,
    },
    select: { id: true, sessionId: true },
  });
  const controller = new AbortController();
  const execution = { runId: run.id, sessionId: run.sessionId, userId, name, query, params: checkedParams.params };
  const finished = observeRun({ runId: run.id, sessionId: run.sessionId, agent: name, model: agent.config.model }, () => execute(execution, controller));
  track(run.id, { controller, finished });
  return { runId: run.id, sessionId: run.sessionId, finished };
}

type Execution = { runId: string; sessionId: string; userId: string; name: string; query: string; params: Record<string, unknown> };

const INTERRUPTED = { code: "INTERRUPTED", message: "The server shut down before the run finished. Ask again to retry." } as const;

async function execute({ runId, sessionId, userId, name, query, params }: Execution, controller: AbortController) {
  const log = logger.child({ runId, agent: name });
  const bus = getBus();
  const unsubscribe = await bus.subscribe(runId, (message) => {
    if (message.type === "cancel") controller.abort();
  });
  const events = createEventLog(runId, db, bus, { onError: (error) => log.error({ err: error }, "storing run events failed") });
  let final: SequencedEvent | undefined;
  try {
    const agent = await requireAgent(name);
    log.info("run started");
    // The final event is held back until the run row is final too: whoever sees `done` or `error`
    // and then reads the run, its session or its messages finds them complete.
    const emit = (event: SequencedEvent) => (isTerminal(event) ? (final = event) : events.append(event));
    const ran = await agent.run({ runId, sessionId, userId, query, params, signal: controller.signal, emit });
    // Stopped by a shutdown, not by its user: it ends as interrupted, which a client may retry.
    const interrupted = controller.signal.reason === SHUTDOWN;
    const outcome: RunOutcome = interrupted ? { ...ran, status: "failed", error: INTERRUPTED } : ran;
    if (interrupted && final) final = { type: "error", ...INTERRUPTED, seq: final.seq };
    const status = STATUS[outcome.status];
    await db.run.update({
      where: { id: runId },
      data: {
        status,
        model: outcome.model,
        finishedAt: new Date(),
        durationMs: outcome.durationMs,
        inputTokens: outcome.usage.input_tokens,
        outputTokens: outcome.usage.output_tokens,
        errorCode: outcome.error?.code,
        errorMessage: outcome.error?.message,
        output: Object.keys(outcome.outputs).length > 0 ? (outcome.outputs as object) : undefined,
      },
    });
    await db.chatSession.update({ where: { id: sessionId }, data: { lastRunStatus: status } });
    if (final) events.append(final);
    await events.flush();
    log.info({ status, durationMs: outcome.durationMs, usage: outcome.usage }, "run finished");
    return outcome;
  } catch (error) {
    // The runtime turns its own failures into events; this is storage failing around it.
    log.error({ err: error }, "run failed outside the agent");
    const message = "The run could not be completed.";
    await db.run.update({ where: { id: runId }, data: { status: "FAILED", finishedAt: new Date(), errorCode: "INTERNAL", errorMessage: message } }).catch(() => {});
    // Followers must still see the run end.
    await events.flush();
    if (final) {
      events.append(final);
      await events.flush();
    } else {
      await appendFinalEvent(db, bus, runId, { type: "error", code: "INTERNAL", message }).catch(() => {});
    }
    throw error;
  } finally {
    await unsubscribe();
  }
}

/** Asks whichever instance executes the run to stop it. Ended runs are left as they are. */
export async function cancelRun(caller: Viewer, runId: string) {
  const run = await findVisibleRun(caller, runId);
  // Here, or on whichever instance runs it (over the bus, so not while Redis is down).
  if ((run.status === "QUEUED" || run.status === "RUNNING") && !cancelLocally(runId)) await getBus().publish(runId, { type: "cancel" });
  return { run_id: run.id, status: run.status };
}
