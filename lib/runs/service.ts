import "server-only";
import { isTerminal, type AgentEvent, type FinalEvent, type SequencedEvent } from "@/lib/agent/events";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import type { AgentConfig } from "@/lib/agent/config";
import type { CallSettings } from "@/lib/agent/model-loop";
import { resolveParams } from "@/lib/agent/params";
import type { ConversationMessage } from "@/lib/agent/prompt";
import type { Caller, Viewer } from "@/lib/db/users";
import { findRun, setFeedback } from "@/lib/db/runs";
import { retitleUnlessRenamed } from "@/lib/db/sessions";
import { endStatus, isLive } from "@/lib/db/run-lifecycle";
import { AppError } from "@/lib/errors";
import { logger, type Logger } from "@/lib/log";
import { observeRun } from "@/lib/observability/runs";
import { SHUTDOWN, STORAGE_FAILED } from "./active-runs";
import type { EventStorageError } from "./event-writer";
import { followRun } from "./follow";
import { insertRunAbandoned, loadConversation, markRunning, type Branch, type RunStart } from "./run-store";
import { outcomeReader } from "./outcome";
import { modelSettings } from "./agents";
import { runtime, type Runtime } from "./runtime";
import { modelTitle, titleFor } from "./titles";

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
  const running = rt.admission.tryAcquire();
  const ids = await rt
    .startRunRow({
      sessionId,
      userId,
      agent: name,
      model: config.model,
      query,
      params: checkedParams.params,
      status: running ? "RUNNING" : "QUEUED",
      instanceId: rt.instance.id,
      expiresAt: expiryAfter(config.memory.ttl_minutes),
      title: titleFor(query),
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
  rt.channels.open(runId);
  const controller = new AbortController();
  const execution: Execution = {
    ...ids,
    userId,
    name,
    query,
    params: checkedParams.params,
    history,
    instructions: start.instructions,
    settings: start.settings,
    running,
    titleByModel: titleByModel && !sessionId,
  };
  const finished = observeRun({ runId, sessionId: ids.sessionId, agent: name, model: config.model }, () =>
    execute(rt, execution, controller),
  );
  rt.active.track(runId, { controller, finished });
  if (start.cancelWith) cancelWhenAborted(start.cancelWith, controller, finished);
  return { runId, sessionId: ids.sessionId, finished };
}

function cancelWhenAborted(signal: AbortSignal, controller: AbortController, finished: Promise<unknown>) {
  if (signal.aborted) return controller.abort();
  const cancel = () => controller.abort();
  signal.addEventListener("abort", cancel, { once: true });
  const forget = () => signal.removeEventListener("abort", cancel);
  void finished.then(forget, forget);
}

type Execution = {
  runId: string;
  sessionId: string;
  userId: string;
  name: string;
  query: string;
  params: Record<string, unknown>;
  history: ConversationMessage[];
  instructions?: string;
  settings?: CallSettings;
  /** Holds an execution slot already; otherwise it queues for one. */
  running: boolean;
  /** Names its new session by the model once answered. */
  titleByModel: boolean;
};

const INTERRUPTED = { code: "INTERRUPTED", message: "The server shut down before the run finished. Ask again to retry." } as const;
const NOT_STORED = { code: "INTERNAL", message: "The run could not be saved. Try again shortly." } as const;

/** A run that never reached the model (cancelled or stopped while queued). */
function notStarted(error: Extract<AgentEvent, { type: "error" }>, model: string, started: number): RunOutcome {
  const status = error.code === "CANCELLED" ? "cancelled" : "failed";
  return { status, model, text: "", outputs: {}, usage: { input_tokens: 0, output_tokens: 0 }, durationMs: Date.now() - started, error };
}

/** Why the run stopped, when it was not the runtime's own doing. */
function stopReason(signal: AbortSignal) {
  if (signal.reason === SHUTDOWN) return INTERRUPTED;
  if (signal.reason === STORAGE_FAILED) return NOT_STORED;
  return undefined;
}

async function execute(rt: Runtime, run: Execution, controller: AbortController): Promise<RunOutcome> {
  const { runId, sessionId, userId, name } = run;
  const log = logger.child({ runId, agent: name });
  const { writer, admission } = rt;
  const started = Date.now();
  const agent = await requireAgent(name);
  let seq = 0;
  let textSent = false;
  let final: FinalEvent | undefined;
  // Numbered here, in emission order. The final event is held back until the run row is final
  // too: whoever sees `done` or `error` and then reads the run, its session or its messages finds
  // them complete. A run's first event and first text go out at once; others wait for the batch.
  const emit = (event: AgentEvent) => {
    if (isTerminal(event)) return void (final = event);
    const numbered = { ...event, seq: ++seq } as SequencedEvent;
    const now = seq === 1 || (event.type === "text" && !textSent);
    if (event.type === "text") textSent = true;
    writer.append(runId, numbered, { now });
  };

  let holdsSlot = run.running;
  let outcome: RunOutcome;
  try {
    if (!holdsSlot) {
      const { position, admitted } = admission.enqueue(controller.signal);
      if (position > 0) emit({ type: "queued", position });
      await admitted;
      holdsSlot = true;
      await markRunning(rt.db.pool, runId);
    }
    log.info("run started");
    outcome = await agent.run({
      runId,
      sessionId,
      userId,
      query: run.query,
      params: run.params,
      history: run.history,
      instructions: run.instructions,
      settings: run.settings,
      signal: controller.signal,
      emit,
    });
  } catch (error) {
    // Stopped before the model was called: cancelled or shut down while queued, or storage failed.
    const stopped =
      stopReason(controller.signal) ?? (controller.signal.aborted ? { code: "CANCELLED", message: "The run was cancelled." } : NOT_STORED);
    if (!controller.signal.aborted) log.error({ err: error }, "run failed outside the agent");
    final = { type: "error", ...stopped };
    outcome = notStarted(final, agent.config.model, started);
  } finally {
    if (holdsSlot) admission.release();
  }

  // Stopped by a shutdown or by storage, not by its user: it ends as interrupted or unsaved.
  const stopped = stopReason(controller.signal);
  if (stopped) {
    outcome = { ...outcome, status: "failed", error: stopped };
    final = { type: "error", ...stopped };
  }
  const stored = { ...final!, seq: seq + 1 } as SequencedEvent;
  const end = {
    status: endStatus(final!),
    model: outcome.model,
    durationMs: outcome.durationMs,
    usage: outcome.usage,
    error: outcome.error,
    outputs: outcome.outputs,
    answer: answerOf(outcome),
    expiresAt: expiryAfter(agent.config.memory.ttl_minutes),
  };
  // Stored in one statement with the run's last events; followers here get it once it is.
  writer.append(runId, stored, { now: true, end });
  // A cancel or a shutdown does not wait for storage to come back.
  const unsaved = await writer.settled(runId, controller.signal).then(
    () => undefined,
    (error: EventStorageError) => error,
  );
  if (unsaved) {
    // Followers here still see the run end, after what they were handed. The stored run stops
    // where its log does, and the housekeeping ends it once the database answers.
    outcome = { ...outcome, status: "failed", error: NOT_STORED };
    rt.channels.deliver(runId, [{ type: "error", ...NOT_STORED, seq: (rt.channels.find(runId)?.events.length ?? seq) + 1 }]);
    log.error("the run's events could not be stored");
    if (!unsaved.outage) await endUnsaved(rt, runId, log);
  }
  rt.channels.close(runId);
  writer.release(runId);
  if (run.titleByModel && outcome.status === "succeeded") void nameSession(rt, run, agent.config, outcome.text, log);
  log.info({ status: outcome.status, durationMs: outcome.durationMs, usage: outcome.usage }, "run finished");
  return outcome;
}

/**
 * Ends a run whose events the database refused (a bug, not an outage) with a final error event after
 * its last stored one, now: the database answers, so the housekeeping need not wait for its next round.
 */
async function endUnsaved(rt: Runtime, runId: string, log: Logger) {
  try {
    const final = await insertRunAbandoned(rt.db.pool, runId, NOT_STORED);
    if (final) await rt.bus.publish(runId, { type: "events", events: [final] });
  } catch (error) {
    // The housekeeping ends it later; other instances' followers read the log when the bus is quiet.
    log.warn({ err: error }, "could not end the unsaved run now, or announce its end");
  }
}

/**
 * A new chat's title by its agent's model, once its first answer is stored; kept only if nobody has
 * renamed the chat meanwhile. The demo model's chats keep the first question's title.
 */
async function nameSession(rt: Runtime, run: Execution, config: AgentConfig, answer: string, log: Logger) {
  try {
    const title = await modelTitle(
      config.model,
      modelSettings(rt.env),
      { question: run.query, answer },
      AbortSignal.timeout(config.timeout_s * 1000),
    );
    if (title) await retitleUnlessRenamed(run.sessionId, titleFor(run.query), title);
  } catch (error) {
    log.warn({ err: error }, "could not title the chat; it keeps its first question's title");
  }
}

/** The answer kept in the conversation (its text is the model's memory); none when the run produced nothing. */
function answerOf(outcome: RunOutcome) {
  return outcome.text || Object.keys(outcome.outputs).length > 0 ? { text: outcome.text } : undefined;
}

/** Asks whichever instance executes the run to stop it. Ended runs are left as they are. */
export async function cancelRun(caller: Viewer, runId: string) {
  const run = await findVisibleRun(caller, runId);
  // Here, or on whichever instance runs it (over the bus, so not while Redis is down).
  const rt = runtime();
  if (isLive(run.status) && !rt.active.cancelLocally(runId) && run.instanceId) {
    await askToCancel(rt, run.instanceId, runId);
  }
  return { run_id: run.id, status: run.status };
}

const instanceChannel = (instanceId: string) => `instance:${instanceId}`;
// Just after Redis comes back, the owner may not have subscribed again yet: a cancel nobody heard is sent again.
const CANCEL_RESEND_MS = 250;
const CANCEL_REACH_MS = 2_000;

async function askToCancel(rt: Runtime, instanceId: string, runId: string) {
  const deadline = Date.now() + CANCEL_REACH_MS;
  while ((await rt.bus.publish(instanceChannel(instanceId), { type: "cancel", runId })) === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, CANCEL_RESEND_MS));
  }
}

const listening = new WeakMap<Runtime, Promise<unknown>>();

/** Cancels asked of this instance by others arrive on its own channel, one subscription for all runs. */
function listenForCancels(rt: Runtime) {
  let subscribed = listening.get(rt);
  if (!subscribed) {
    subscribed = rt.bus.subscribe(instanceChannel(rt.instance.id), (message) => {
      if (message.type === "cancel") rt.active.cancelLocally(message.runId);
    });
    listening.set(rt, subscribed);
  }
  return subscribed;
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
