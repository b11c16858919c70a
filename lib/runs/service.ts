import "server-only";
import { randomUUID } from "node:crypto";
import type { CallSettings } from "@/lib/agent/model-loop";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import { resolveParams } from "@/lib/agent/params";
import type { ConversationMessage } from "@/lib/agent/prompt";
import type { Caller, Viewer } from "@/lib/db/users";
import { findRun, setFeedback } from "@/lib/db/runs";
import type { Run } from "@/lib/db/generated/client";
import { isLive } from "@/lib/db/run-lifecycle";
import { AppError } from "@/lib/errors";
import { askToCancel, listenForCancels } from "./cancels";
import { launch, type RunInput } from "./execute";
import { followRun } from "./follow";
import { insertRunAbandoned, loadConversation, type Branch, type RunStart } from "./run-store";
import { outcomeReader } from "./outcome";
import { runtime, type Runtime } from "./runtime";
import { titleFor } from "./titles";

type StartRun = {
  agent: string;
  caller: Caller;
  /** The question; left out only when regenerating, which asks the replaced run's question again. */
  query?: string;
  sessionId?: string;
  params?: unknown;
  branch?: Branch;
  /** A new chat opened in the browser is titled by its agent's model once answered; programs' sessions are not (a model call each). */
  titleByModel?: boolean;
  /** The conversation a stateless caller brings (an OpenAI client's messages) for a new session: the model's memory, not stored. */
  history?: ConversationMessage[];
  /** The caller's own instructions (an OpenAI client's system messages), added to the agent's. */
  instructions?: string;
  settings?: CallSettings;
  /** Cancels the run when it aborts: for callers that cannot follow a run again once gone (OpenAI's clients). */
  cancelWith?: AbortSignal;
};

export async function requireAgent(name: string) {
  const agent = (await runtime().agents()).agents.get(name);
  if (!agent) throw new AppError("not_found", `No agent named "${name}".`);
  return agent;
}

export async function findVisibleRun(caller: Viewer, id: string) {
  const run = await findRun(id);
  if (!run || (run.userId !== caller.id && caller.role !== "ADMIN")) throw new AppError("not_found", "No such run.");
  return run;
}

/** The run's owner says what they thought of its answer; nobody else may, not even an admin. */
export async function rateRun(caller: Viewer, id: string, rating: "up" | "down" | null) {
  const run = await findRun(id);
  if (!run || run.userId !== caller.id) throw new AppError("not_found", "No such run.");
  await setFeedback(id, rating === null ? null : rating === "up" ? 1 : -1);
  return { run_id: id, rating };
}

const expiryAfter = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * Creates the run (and its session when new) and starts executing it, detached from the request:
 * a client that goes away stops nothing (unless it gave `cancelWith`). `finished` settles when the run has ended and is stored.
 * Two round trips at most before the model is called: the session's history (when continuing
 * one) and the statement that stores session, run and question together.
 */
export async function startRun(start: StartRun) {
  const { agent: name, caller, query: asked, sessionId, params, branch, titleByModel = false } = start;
  const rt = runtime();
  rt.active.refuseWhenDraining();
  await listenForCancels(rt);
  const agent = await requireAgent(name);
  const { config } = agent;
  const checkedParams = resolveParams(config, params);
  if (!checkedParams.ok) throw new AppError("invalid_body", checkedParams.error);

  let history = start.history ?? [];
  let userId = caller.id;
  let query = asked;
  let place: Pick<RunStart, "parentRunId" | "questionId"> = {};
  if (sessionId) {
    const session = await loadConversation(rt.db.pool, sessionId, config.memory.max_messages, branch);
    if (!session || session.agent !== name || (session.userId !== caller.id && caller.role !== "ADMIN")) {
      throw new AppError("not_found", "No such session.");
    }
    if (branch && !session.target) throw new AppError("not_found", "No such run in this session.");
    ({ history, userId } = session);
    place = { parentRunId: session.parentRunId };
    if (branch && "regenerate" in branch) {
      query = session.target!.question!;
      if (session.target!.questionId) place.questionId = session.target!.questionId;
    }
  }
  if (query === undefined) throw new AppError("invalid_body", "query is required.");
  const input: RunInput = { history, instructions: start.instructions, settings: start.settings, titleByModel: titleByModel && !sessionId };
  // With workers, the run waits in the run queue, held by no process until a worker takes its job.
  const queued = rt.env.RUN_EXECUTOR === "pgboss";
  const running = !queued && rt.admission.tryAcquire();
  const ids = await rt
    .startRunRow({
      sessionId,
      userId,
      agent: name,
      model: config.model,
      query,
      params: checkedParams.params,
      status: running ? "RUNNING" : "QUEUED",
      instanceId: queued ? null : rt.instance.id,
      jobId: queued ? randomUUID() : undefined,
      expiresAt: expiryAfter(config.memory.ttl_minutes),
      title: titleFor(query),
      input,
      ...place,
    })
    .catch((error: unknown) => {
      if (running) rt.admission.release();
      throw error;
    });
  if (!ids) {
    if (running) rt.admission.release();
    throw new AppError("not_found", "No such session.");
  }
  const { runId } = ids;
  if (queued) {
    // Cancelling a run that has ended meanwhile does nothing.
    if (start.cancelWith) cancelWhenAborted(start.cancelWith, () => void cancelAnywhere(rt, runId));
    return { runId, sessionId: ids.sessionId, finished: Promise.resolve(undefined) };
  }
  const { controller, finished } = launch(rt, { ...ids, userId, name, query, params: checkedParams.params, input, running }, config.model);
  if (start.cancelWith) cancelWhenAborted(start.cancelWith, () => controller.abort(), finished);
  return { runId, sessionId: ids.sessionId, finished: finished as Promise<RunOutcome | undefined> };
}

function cancelWhenAborted(signal: AbortSignal, cancel: () => void, finished?: Promise<unknown>) {
  if (signal.aborted) return cancel();
  signal.addEventListener("abort", cancel, { once: true });
  const forget = () => signal.removeEventListener("abort", cancel);
  void finished?.then(forget, forget);
}

/** Asks whichever instance executes the run to stop it. Ended runs are left as they are. */
export async function cancelRun(caller: Viewer, runId: string) {
  const run = await findVisibleRun(caller, runId);
  if (isLive(run.status)) await cancelAnywhere(runtime(), runId, run);
  return { run_id: run.id, status: run.status };
}

const CANCELLED = { code: "CANCELLED", message: "The run was cancelled." } as const;

/**
 * Stops a live run: here, or on whichever instance executes it (over the bus, so not while Redis is
 * down); one still waiting in the run queue is ended at once and its job cancelled.
 */
async function cancelAnywhere(rt: Runtime, runId: string, known?: Pick<Run, "status" | "instanceId" | "jobId">): Promise<void> {
  if (rt.active.cancelLocally(runId)) return;
  const run = known ?? (await findRun(runId));
  if (!run || !isLive(run.status)) return;
  if (!run.instanceId && run.jobId) {
    const final = await insertRunAbandoned(rt.db.pool, runId, CANCELLED, { untaken: true });
    // A worker took it meanwhile (or it ended): ask again, of whoever has it now.
    if (!final) return cancelAnywhere(rt, runId);
    await (await rt.queue())?.cancel(run.jobId);
    return void (await rt.bus.publish(runId, { type: "events", events: [final] }).catch(() => {}));
  }
  if (run.instanceId) await askToCancel(rt, run.instanceId, runId);
}

/** What /api/metrics reports of this instance's runs and streams. */
export function currentLoad() {
  const { active, admission, env } = runtime();
  return {
    activeStreams: active.followers,
    activeRuns: admission.active,
    queuedRuns: admission.queued,
    maxActiveRuns: env.MAX_ACTIVE_RUNS,
  };
}

/** A run's events after `afterSeq` in batches, replayed then live, until it ends or `signal` aborts. */
export function followEvents(runId: string, afterSeq: number, signal: AbortSignal) {
  const { db, bus, channels, active } = runtime();
  return followRun({ db: db.pool, bus, channels, followers: active, runId, afterSeq, signal });
}

/**
 * A run's outcome, read from its log once it has ended: what a synchronous door answers with, whichever
 * process executed the run. Followed to the end even if the caller leaves, as runs always end.
 */
export async function followOutcome(runId: string) {
  const reader = outcomeReader();
  for await (const batch of followEvents(runId, 0, new AbortController().signal)) for (const event of batch) reader.read(event);
  if (!reader.outcome) throw new Error(`The log of run ${runId} ended without its final event.`);
  return reader.outcome;
}
