import { SpanStatusCode, trace, type Link } from "@opentelemetry/api";
import { ATTR } from "./attributes";
import { recordRun } from "./metrics";
import { inSpan } from "./tracer";

type Usage = { input_tokens: number; output_tokens: number };

export type RunStart = { runId: string; sessionId: string; agent: string; model: string };

/** The parts of a run's outcome that its span and metrics report. */
type RunEnd = { status: string; model: string; usage: Usage; error?: { code: string; message: string } };

const tokenAttributes = (usage: Usage) => ({ [ATTR.inputTokens]: usage.input_tokens, [ATTR.outputTokens]: usage.output_tokens });

/** A link to the span active now (the request's), when there is a real one. */
function linkToActive(): Link[] {
  const active = trace.getActiveSpan()?.spanContext();
  return active && trace.isSpanContextValid(active) ? [{ context: active }] : [];
}

/**
 * Traces and measures one run. A run executes detached from the request that started it and
 * usually outlives it, so its span roots a trace of its own, linked to the request's span: as a
 * child it would end long after its parent, and a sampler dropping the request would drop the run.
 */
export function observeRun<T extends RunEnd>(run: RunStart, execute: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const attributes = {
    [ATTR.operation]: "invoke_agent",
    [ATTR.agent]: run.agent,
    [ATTR.model]: run.model,
    [ATTR.runId]: run.runId,
    [ATTR.conversation]: run.sessionId,
  };
  return inSpan(`invoke_agent ${run.agent}`, { root: true, links: linkToActive(), attributes }, async (span) => {
    try {
      const outcome = await execute();
      span.setAttributes({ [ATTR.runStatus]: outcome.status, [ATTR.model]: outcome.model, ...tokenAttributes(outcome.usage) });
      // A cancel is the user's choice, not a failure.
      if (outcome.error && outcome.status !== "cancelled") {
        span.setAttribute(ATTR.errorType, outcome.error.code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message });
      }
      recordRun({ agent: run.agent, status: outcome.status, seconds: seconds(), usage: outcome.usage });
      return outcome;
    } catch (error) {
      span.setAttribute(ATTR.runStatus, "failed");
      recordRun({ agent: run.agent, status: "failed", seconds: seconds() });
      throw error;
    }
  });
}

/** One phase of a run, with the tokens its model calls used. */
export function tracePhase<T extends { usage: Usage }>(phaseId: string, runPhase: () => Promise<T>): Promise<T> {
  return inSpan(`phase ${phaseId}`, { attributes: { [ATTR.phaseId]: phaseId } }, async (span) => {
    const result = await runPhase();
    span.setAttributes(tokenAttributes(result.usage));
    return result;
  });
}
