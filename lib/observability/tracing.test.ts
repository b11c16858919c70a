import { SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { streamText } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunOutcome } from "@/lib/agent/orchestrator";
import { db } from "@/lib/db/client";
import { json, route } from "@/lib/http/route";
import { runtime } from "@/lib/runs/runtime";
import { startRun } from "@/lib/runs/service";
import { ATTR } from "./attributes";
import { registerTracing } from "./setup";

// The app's own tracing setup, exporting to memory instead of OTLP.
const exporter = new InMemorySpanExporter();
const provider = registerTracing({ serviceName: "agent-studio-test", spanProcessors: [new SimpleSpanProcessor({ exporter })] });

let caller: { id: string; email: string; role: "USER" };
beforeAll(async () => {
  const user = await db.user.create({ data: { email: `tracing-${Date.now()}@example.com` } });
  caller = { id: user.id, email: user.email, role: "USER" };
});
beforeEach(() => exporter.reset());
afterAll(async () => {
  await runtime().close();
  await provider.shutdown();
  await db.$disconnect();
});

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
  spans
    .filter((span) => span.parentSpanContext?.spanId === idOf(parent))
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
const named = (prefix: string) => (span: ReadableSpan) => span.name.startsWith(prefix);
const sum = (spans: ReadableSpan[], attribute: string) => spans.reduce((total, span) => total + Number(span.attributes[attribute]), 0);

/** One country-analyst run started through an API route, as the app starts them, on the demo model. */
async function runThroughRoute() {
  let finished: Promise<RunOutcome | undefined> | undefined;
  const handler = route<{ name: string }>(async (_request, { name }) => {
    const run = await startRun({ agent: name, caller, query: "Tell me about Japan" });
    finished = run.finished;
    return json({ run_id: run.runId });
  });
  const response = await handler(new Request("http://localhost/api/agents/country-analyst/chat", { method: "POST" }), {
    params: Promise.resolve({ name: "country-analyst" }),
  });
  expect(response.status).toBe(200);
  const outcome = (await finished!)!;
  await provider.forceFlush();
  return { outcome, spans: exporter.getFinishedSpans() };
}

describe("tracing one run", () => {
  it("gives the request a span named after its route, with method and status", async () => {
    const { spans } = await runThroughRoute();
    const request = spans.find(named("POST "));
    expect(request?.name).toBe("POST /api/agents/[name]/chat");
    expect(request?.attributes).toMatchObject({
      [ATTR.httpMethod]: "POST",
      [ATTR.httpRoute]: "/api/agents/[name]/chat",
      [ATTR.urlPath]: "/api/agents/country-analyst/chat",
      [ATTR.httpStatus]: 200,
    });
  });

  it("roots the run's own trace, linked to the request, with agent, model, ids, status and tokens", async () => {
    const { outcome, spans } = await runThroughRoute();
    expect(outcome.status).toBe("succeeded");
    const request = spans.find(named("POST "))!;
    const runs = spans.filter(named("invoke_agent "));
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.name).toBe("invoke_agent country-analyst");
    expect(run.parentSpanContext).toBeUndefined();
    expect(run.spanContext().traceId).not.toBe(request.spanContext().traceId);
    expect(run.links.map((link) => link.context.spanId)).toEqual([idOf(request)]);
    const stored = await db.run.findFirstOrThrow({ where: { userId: caller.id }, orderBy: { createdAt: "desc" } });
    expect(run.attributes).toMatchObject({
      [ATTR.agent]: "country-analyst",
      [ATTR.model]: "demo",
      [ATTR.runId]: stored.id,
      [ATTR.conversation]: stored.sessionId,
      [ATTR.runStatus]: "succeeded",
      [ATTR.inputTokens]: outcome.usage.input_tokens,
      [ATTR.outputTokens]: outcome.usage.output_tokens,
    });
    expect(outcome.usage.input_tokens).toBeGreaterThan(0);
    expect(run.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it("nests the phases in order, model calls and tool calls under the phase that made them", async () => {
    const { outcome, spans } = await runThroughRoute();
    const run = spans.find(named("invoke_agent "))!;
    const inRun = spans.filter((span) => span.spanContext().traceId === run.spanContext().traceId);

    const phases = childrenOf(inRun, run);
    expect(phases.map((span) => span.name)).toEqual(["phase research", "phase answer"]);
    expect(phases.map((span) => span.attributes[ATTR.phaseId])).toEqual(["research", "answer"]);
    const [research, answer] = phases as [ReadableSpan, ReadableSpan];

    // Research: the model asks for tools, gets their results, then summarises: model, tool(s), model.
    const researchSteps = childrenOf(inRun, research);
    expect(researchSteps[0]?.name).toBe("chat demo");
    expect(researchSteps.at(-1)?.name).toBe("chat demo");
    const tools = researchSteps.filter(named("execute_tool "));
    expect(tools.map((span) => span.attributes[ATTR.toolName])).toContain("get_country_info");
    for (const tool of tools) {
      expect(tool.attributes).toMatchObject({ [ATTR.toolSuccess]: true, [ATTR.toolDurationMs]: expect.any(Number) });
      expect(tool.attributes[ATTR.toolServer]).toBeUndefined();
    }

    // Answer: no tools, only the model writing the report.
    const answerSteps = childrenOf(inRun, answer);
    expect(answerSteps.length).toBeGreaterThan(0);
    expect(answerSteps.every(named("chat demo"))).toBe(true);

    // Every model call is in a phase, and together they account for the run's tokens.
    const calls = inRun.filter(named("chat "));
    expect(
      calls.every((call) => call.parentSpanContext?.spanId === idOf(research) || call.parentSpanContext?.spanId === idOf(answer)),
    ).toBe(true);
    for (const call of calls)
      expect(call.attributes).toMatchObject({ [ATTR.model]: "demo", [ATTR.provider]: "demo", [ATTR.finishReasons]: [expect.any(String)] });
    expect(sum(calls, ATTR.inputTokens)).toBe(outcome.usage.input_tokens);
    expect(sum(calls, ATTR.outputTokens)).toBe(outcome.usage.output_tokens);
    expect(sum(phases, ATTR.inputTokens)).toBe(outcome.usage.input_tokens);
    // Nothing else: run, phases, model calls and tools are the whole trace.
    expect(inRun).toHaveLength(1 + phases.length + calls.length + tools.length);
  });

  it("ends a model call that fails as a failed span", async () => {
    const model = new MockLanguageModelV4({
      doStream: async () => {
        throw new Error("provider down");
      },
    });
    const result = streamText({ model, prompt: "hello", maxRetries: 0, onError: () => {} });
    for await (const part of result.fullStream) void part;
    await provider.forceFlush();
    const [call] = exporter.getFinishedSpans().filter(named("chat "));
    expect(call?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: "provider down" });
  });
});
