import "server-only";
import { z } from "zod";
import { isTerminal, type AgentEvent, type FinalEvent, type SequencedEvent } from "@/lib/agent/events";
import type { AgentConfig } from "@/lib/agent/config";
import type { CallSettings } from "@/lib/agent/model-loop";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import { retitleUnlessRenamed } from "@/lib/db/sessions";
import { endStatus } from "@/lib/db/run-lifecycle";
import { logger, type Logger } from "@/lib/log";
import { observeRun } from "@/lib/observability/runs";
import { HANDED_OVER, STORAGE_FAILED } from "./active-runs";
import { modelSettings } from "./agents";
import type { EventStorageError } from "./event-writer";
import { readEvents } from "./event-store";
import { loadSteps, stepJournal, type StoredStep } from "./journal-store";
import { insertRunAbandoned, markRunning, type ClaimedRun } from "./run-store";
import type { Runtime } from "./runtime";
import { modelTitle, titleFor } from "./titles";

/**
 * What executing a run needs beyond its row, stored with it (`Run.input`) so that any process can
 * execute it again: the conversation it began with, and what its caller added.
 */
const runInputSchema = z.object({
  history: z.array(z.object({ role: z.enum(["user", "assistant", "system"]), text: z.string() })),
  instructions: z.string().optional(),
  settings: z.custom<CallSettings>((value) => typeof value === "object" && value !== null).optional(),
  /** Names its new session by the model once answered. */
  titleByModel: z.boolean(),
});
export type RunInput = z.infer<typeof runInputSchema>;

export type Execution = {
  runId: string;
  sessionId: string;
  userId: string;
  name: string;
  query: string;
  params: Record<string, unknown>;
  input: RunInput;
  /** Holds an execution slot already; otherwise it queues for one. */
  running: boolean;
  /** What an earlier execution of the run stored: its events, in order, and its step journal. */
  resume?: { events: SequencedEvent[]; steps: ReadonlyMap<string, StoredStep> };
};

const NOT_STORED = { code: "INTERNAL", message: "The run could not be saved. Try again shortly." } as const;

/**
 * Executes the run here, detached from any request, and tracks it until it ends: `finished` settles
 * once its end is stored. `controller` cancels it.
 */
export function launch(rt: Runtime, execution: Execution, model: string, controller = new AbortController()) {
  const { runId, sessionId, name } = execution;
  rt.channels.open(runId, execution.resume?.events);
  const finished = observeRun({ runId, sessionId, agent: name, model }, () => execute(rt, execution, controller));
  rt.active.track(runId, { controller, finished });
  return { controller, finished };
}

const UNRESUMABLE = { code: "INTERRUPTED", message: "The run could not be taken up again after its server stopped. Ask again." } as const;

/**
 * Executes here a run taken over from another process (`claimed`, RETRYING) or from the run queue
 * (`taken`, RUNNING already), from what it stored: its input, its events and its journal. Ends it as
 * interrupted when that cannot be (its agent is gone, or its input is not what this version
 * stores); undefined then.
 */
export async function launchStored(rt: Runtime, run: ClaimedRun, how: "claimed" | "taken") {
  const input = runInputSchema.safeParse(run.input);
  const agent = (await rt.agents()).agents.get(run.agent);
  if (!input.success || !agent) {
    logger.error({ runId: run.id, agent: run.agent }, "cannot execute the stored run: its input or its agent is gone");
    const final = await insertRunAbandoned(rt.db.pool, run.id, UNRESUMABLE);
    if (final) await rt.bus.publish(run.id, { type: "events", events: [final] }).catch(() => {});
    return undefined;
  }
  const [events, steps] = await Promise.all([readEvents(rt.db.pool, run.id), loadSteps(rt.db.pool, run.id)]);
  const execution = {
    runId: run.id,
    sessionId: run.sessionId,
    userId: run.userId,
    name: run.agent,
    query: run.query,
    params: run.params ?? {},
    input: input.data,
    // A claimed run waits for a slot like a new one; a taken one is RUNNING, and takes one if it can.
    running: how === "taken" && rt.admission.tryAcquire(),
    resume: events.length > 0 || steps.size > 0 ? { events, steps } : undefined,
  };
  return launch(rt, execution, agent.config.model);
}

/** A run that never reached the model (cancelled or stopped while queued). */
function notStarted(error: Extract<AgentEvent, { type: "error" }>, model: string, started: number): RunOutcome {
  const status = error.code === "CANCELLED" ? "cancelled" : "failed";
  return { status, model, text: "", outputs: {}, usage: { input_tokens: 0, output_tokens: 0 }, durationMs: Date.now() - started, error };
}

/** Why the run stopped, when it was not the runtime's own doing. */
const stopReason = (signal: AbortSignal) => (signal.reason === STORAGE_FAILED ? NOT_STORED : undefined);

const expiryAfter = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function execute(rt: Runtime, run: Execution, controller: AbortController): Promise<RunOutcome> {
  const { runId, sessionId, userId, name, resume } = run;
  const log = logger.child({ runId, agent: name });
  const { writer, admission } = rt;
  const started = Date.now();
  const agent = (await rt.agents()).agents.get(name);
  if (!agent) throw new Error(`No agent named "${name}" to execute run ${runId}.`);
  // A resumed run goes on numbering after its stored events.
  let seq = resume?.events.at(-1)?.seq ?? 0;
  let firstSent = false;
  let textSent = false;
  let final: FinalEvent | undefined;
  const steps = resume?.steps ?? new Map<string, StoredStep>();
  // Numbered here, in emission order. The final event is held back until the run row is final
  // too: whoever sees `done` or `error` and then reads the run, its session or its messages finds
  // them complete. An execution's first event and first text go out at once; others wait for the batch.
  const handedOver = () => controller.signal.reason === HANDED_OVER;
  const emit = (event: AgentEvent) => {
    // Handed over: what the stop itself makes (a call "stopped", the cancel) is not the run's; its taker goes on.
    if (handedOver()) return;
    if (isTerminal(event)) return void (final = event);
    // A model call run again: clients drop what its cut-off attempt sent, which followed `after_seq`.
    const filled = event.type === "step_retry" && !event.call_id ? { ...event, after_seq: steps.get(event.step)?.afterSeq } : event;
    const numbered = { ...filled, seq: ++seq } as SequencedEvent;
    const now = !firstSent || (event.type === "text" && !textSent);
    firstSent = true;
    if (event.type === "text") textSent = true;
    writer.append(runId, numbered, { now });
  };
  const journal = stepJournal({
    db: rt.db.pool,
    runId,
    steps,
    lastSeq: () => seq,
    stored: () => writer.settled(runId, controller.signal),
  });

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
    log.info(resume ? "run resumed" : "run started");
    outcome = await agent.run({
      runId,
      sessionId,
      userId,
      query: run.query,
      params: run.params,
      history: run.input.history,
      instructions: run.input.instructions,
      settings: run.input.settings,
      signal: controller.signal,
      emit,
      journal,
      resume: resume && { events: resume.events.map(({ seq: _seq, ...event }) => event as AgentEvent) },
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

  if (handedOver()) return handOver(rt, runId, outcome, log);
  // Stopped by storage, not by its user: it ends as unsaved.
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
  if (run.input.titleByModel && outcome.status === "succeeded") void nameSession(rt, run, agent.config, outcome.text, log);
  log.info({ status: outcome.status, durationMs: outcome.durationMs, usage: outcome.usage }, "run finished");
  return outcome;
}

/**
 * Leaves a run to whoever takes it over: what it emitted is stored, nothing ends it. Followers here
 * find its channel closed and go on from the log and the bus.
 */
async function handOver(rt: Runtime, runId: string, outcome: RunOutcome, log: Logger) {
  await rt.writer.settled(runId).catch((error: unknown) => log.warn({ err: error }, "events of a handed-over run not stored"));
  rt.channels.close(runId);
  rt.writer.release(runId);
  log.info("run handed over, to be resumed from its journal");
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
