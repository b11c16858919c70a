import type { LanguageModelV4Prompt, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { z } from "zod";
import { afterAll, describe, expect, it, vi } from "vitest";
import { defineTool } from "@/lib/tools/builtin/define";
import { McpPool } from "@/lib/tools/mcp/pool";
import { CrashError, memoryJournal, type JournalCrash } from "@/test/support/journal";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { runScripted } from "@/test/support/run-agent";
import { agentConfigSchema } from "./config";
import type { AgentEvent } from "./events";
import { INTERRUPTED_CALL } from "./tool-runner";

const report = { country: "Spain", capital: "Madrid" };

const agent = agentConfigSchema.parse({
  name: "durable",
  description: "Looks two things up, sends a message, then writes a report.",
  model: "demo",
  tools: ["lookup", "send"],
  phases: [
    { id: "research", description: "Gathering facts", tools: ["lookup", "send"], max_iterations: 5 },
    {
      id: "answer",
      description: "Writing the report",
      tools: [],
      output: {
        name: "Report",
        schema: {
          type: "object",
          properties: { country: { type: "string" }, capital: { type: "string" } },
          required: ["country", "capital"],
        },
      },
    },
  ],
});

/** One attempt of the run: the process it runs in, which may die. Tools look at the attempt they were called in. */
type Life = { dead: boolean };
let life: Life = { dead: false };

/** Tool calls, by their argument: begun and finished while their process was alive. */
const calls = { begun: [] as string[], finished: [] as string[] };

/** A tool that reports progress half-way, so a test can kill the process mid-call. */
const countingTool = (name: string, idempotent: boolean) =>
  defineTool({
    name,
    description: name,
    idempotent,
    input: z.object({ key: z.string() }),
    execute: async ({ key }, { onProgress }) => {
      const own = life;
      if (own.dead) throw new CrashError();
      calls.begun.push(key);
      onProgress({ progress: 1, total: 2 });
      await Promise.resolve();
      if (own.dead) throw new CrashError();
      calls.finished.push(key);
      return { key, value: `${key}!` };
    },
  });
const tools = new Map([countingTool("lookup", true), countingTool("send", false)].map((tool) => [tool.name, tool]));

const reasoning = (delta: string): LanguageModelV4StreamPart[] => [
  { type: "reasoning-start", id: "r" },
  { type: "reasoning-delta", id: "r", delta },
  { type: "reasoning-end", id: "r" },
];

/** The model's answers, by phase and by the number of tool results it has been given in it. */
const script: Record<string, (() => ReturnType<typeof step>)[]> = {
  research: [
    () =>
      step(
        reasoning("Two lookups first."),
        text("Looking things up. "),
        toolCall("lookup", { key: "a" }, "c1"),
        toolCall("lookup", { key: "b" }, "c2"),
        [finish("tool-calls")],
      ),
    () => step(text("Sending the news. "), toolCall("send", { key: "news" }, "c3"), [finish("tool-calls")]),
    () => step(text("All done here."), [finish("stop")]),
  ],
  // Not JSON: the structured output step repairs it with a second call (doGenerate).
  answer: [() => step(text("The report, in words."), [finish("stop")])],
};

const phaseOf = (prompt: LanguageModelV4Prompt) => (JSON.stringify(prompt[0]).includes("Current phase: research") ? "research" : "answer");
const callOf = (prompt: LanguageModelV4Prompt) => `${phaseOf(prompt)}/${prompt.filter((message) => message.role === "tool").length}`;

/** The scripted model; `prompts` keeps each call's prompt by phase and call. */
function scriptedModel(prompts: Map<string, string>) {
  return new MockLanguageModelV4({
    doStream: async ({ prompt }) => {
      prompts.set(callOf(prompt), JSON.stringify(prompt));
      return script[phaseOf(prompt)]![prompt.filter((message) => message.role === "tool").length]!();
    },
    doGenerate: async ({ prompt }) => {
      prompts.set("answer/repair", JSON.stringify(prompt));
      return {
        content: [{ type: "text", text: JSON.stringify(report) }],
        finishReason: { unified: "stop", raw: "stop" },
        usage,
        warnings: [],
      };
    },
  });
}

const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
afterAll(() => mcp.close());

type Journal = ReturnType<typeof memoryJournal>;
type Crash = { journal: JournalCrash } | { afterEvent: number } | undefined;

/**
 * One attempt of the run on `journal`, resuming from the events in `log`, which it appends to. It
 * dies at `crash`: its process is gone, so it stores no event and makes no journal entry after.
 * A step_retry gets the `after_seq` lib/runs would give it.
 */
async function attempt(journal: Journal, log: AgentEvent[], crash: Crash, config = agent, onEvent?: (event: AgentEvent) => void) {
  const own: Life = { dead: false };
  life = own;
  const controller = new AbortController();
  const die = () => {
    own.dead = true;
    controller.abort(new CrashError());
  };
  const resume = { events: [...log] };
  const prompts = new Map<string, string>();
  const journaled = journal.attempt({
    logLength: () => log.length,
    isDead: () => own.dead,
    die,
    crash: crash && "journal" in crash ? crash.journal : undefined,
  });
  const sent: AgentEvent[] = [];
  const { outcome } = await runScripted(config, scriptedModel(prompts), {
    mcp,
    builtins: tools,
    journal: journaled,
    resume,
    signal: controller.signal,
    onEvent: (event) => {
      if (own.dead) return;
      const stored = event.type === "step_retry" ? { ...event, after_seq: journal.begunAt.get(event.step)!.at(-2)! } : event;
      log.push(stored);
      sent.push(stored);
      onEvent?.(stored);
      if (crash && "afterEvent" in crash && crash.afterEvent === sent.length) die();
    },
  });
  return { outcome, sent, prompts, died: own.dead, ops: journaled.ops() };
}

/** The answer a client shows from the log: a step_retry drops the cut-off attempt's events after its after_seq. */
function shownText(log: AgentEvent[]) {
  const shown: AgentEvent[] = [];
  for (const event of log) {
    if (event.type === "step_retry" && event.call_id === undefined) shown.splice(event.after_seq!);
    shown.push(event);
  }
  return shown.flatMap((event) => (event.type === "text" ? [event.content] : [])).join("");
}

/** What must be in a run's log once: starts, phases, a tool call's start and result, structured data. */
function structural(log: AgentEvent[]) {
  let phase = "";
  return log.flatMap((event) => {
    if (event.type === "phase_start") phase = event.phase_id;
    if (event.type === "thinking" && event.content.startsWith("Preparing")) return [`preparing/${phase}`];
    if (["start", "phase_start", "phase_complete", "structured_data"].includes(event.type)) return [`${event.type}/${phase}`];
    if (event.type === "tool_start" || event.type === "tool_result") return [`${event.type}/${event.call_id}`];
    return [];
  });
}

function resetCalls() {
  calls.begun = [];
  calls.finished = [];
}

async function uninterrupted() {
  resetCalls();
  const log: AgentEvent[] = [];
  const run = await attempt(memoryJournal(), log, undefined);
  return { ...run, log, calls: { ...calls } };
}

const count = (list: string[], key: string) => list.filter((item) => item === key).length;

describe("a run on a step journal", () => {
  it("without a crash, runs every step once and stores each as done", async () => {
    const run = await uninterrupted();
    expect(run.outcome).toMatchObject({
      status: "succeeded",
      text: "Looking things up. Sending the news. All done here.",
      outputs: { Report: report },
    });
    expect(run.calls.finished.sort()).toEqual(["a", "b", "news"]);
    expect(new Set(structural(run.log)).size).toBe(structural(run.log).length);
    expect(run.log.some((event) => event.type === "step_retry")).toBe(false);
  });

  /** Every point a process can die at in the uninterrupted run: each journal operation, before or after it is applied, and each event stored. */
  async function crashPoints() {
    const run = await uninterrupted();
    const points: { name: string; crash: NonNullable<Crash> }[] = [];
    for (let op = 1; op <= run.ops; op++) {
      for (const applied of [false, true])
        points.push({ name: `journal op ${op} ${applied ? "applied" : "not applied"}`, crash: { journal: { op, applied } } });
    }
    run.log.slice(0, -1).forEach((event, i) => points.push({ name: `after event ${i + 1} (${event.type})`, crash: { afterEvent: i + 1 } }));
    return { reference: run, points };
  }

  it("resumed after dying at any step boundary or mid-stream, sends nothing twice, runs each call once and answers as an uninterrupted run", async () => {
    const { reference, points } = await crashPoints();
    expect(points.length).toBeGreaterThan(40);
    // Each case the test is about, met at one crash point at least.
    const met = new Set<string>();
    for (const { name, crash } of points) {
      resetCalls();
      const journal = memoryJournal();
      const log: AgentEvent[] = [];
      const first = await attempt(journal, log, crash);
      expect(first.died, name).toBe(true);
      // Steps the crash cut off: started, not stored, and for a tool call, its result not in the log either.
      const ended = new Set(log.flatMap((event) => (event.type === "tool_result" ? [`research/tool/${event.call_id}`] : [])));
      const cutOff = [...journal.steps].filter(([key, record]) => record.status === "started" && !ended.has(key)).map(([key]) => key);
      const second = await attempt(journal, log, undefined);

      expect(second.outcome, name).toMatchObject({ status: "succeeded", text: reference.outcome.text, outputs: reference.outcome.outputs });
      expect(structural(log), name).toEqual(structural(reference.log));
      expect(shownText(log), name).toBe(shownText(reference.log));

      // The idempotent lookups finished once each, or twice when a crash left one started but not stored.
      for (const [key, callId] of [
        ["a", "c1"],
        ["b", "c2"],
      ] as const) {
        expect(count(calls.finished, key), `${name}: ${key}`).toBeGreaterThanOrEqual(1);
        expect(count(calls.finished, key), `${name}: ${key}`).toBeLessThanOrEqual(cutOff.includes(`research/tool/${callId}`) ? 2 : 1);
      }
      // The send is never made twice; when the crash caught it, the model is told it was interrupted.
      expect(count(calls.begun, "news"), name).toBeLessThanOrEqual(1);
      const sendResult = log.filter((event) => event.type === "tool_result" && event.call_id === "c3");
      if (cutOff.includes("research/tool/c3")) {
        met.add(count(calls.begun, "news") === 1 ? "send caught mid-call" : "send started, not begun");
        expect(sendResult, name).toEqual([expect.objectContaining({ success: false, error: INTERRUPTED_CALL })]);
        expect(second.prompts.get("research/2"), name).toContain(INTERRUPTED_CALL);
      } else {
        expect(count(calls.finished, "news"), name).toBe(1);
        expect(sendResult, name).toEqual([expect.objectContaining({ success: true })]);
        // Each call the second attempt made had the prompt the uninterrupted run gave it.
        for (const [call, prompt] of second.prompts) expect(prompt, `${name}: ${call}`).toBe(reference.prompts.get(call));
      }

      // A step_retry exactly for each step the crash cut off and that runs again.
      const retried = second.sent.flatMap((event) => (event.type === "step_retry" ? [event.step] : []));
      expect(retried.sort(), name).toEqual(cutOff.filter((key) => key !== "research/tool/c3").sort());
      for (const key of retried)
        met.add(key.includes("/tool/") ? "tool retried" : key.endsWith("/output") ? "output retried" : "model call retried");
      if (retried.some((key) => key.includes("/model/")) && first.sent.at(-1)?.type === "text") met.add("model call cut off mid-stream");
      expect(
        second.sent.filter((event) => event.type === "step_retry").every((event) => event.attempt === 2),
        name,
      ).toBe(true);
    }
    expect([...met].sort()).toEqual([
      "model call cut off mid-stream",
      "model call retried",
      "output retried",
      "send caught mid-call",
      "send started, not begun",
      "tool retried",
    ]);
  });

  it("dying again and again, each attempt one journal operation later than the last, still answers as an uninterrupted run", async () => {
    const reference = await uninterrupted();
    resetCalls();
    const journal = memoryJournal();
    const log: AgentEvent[] = [];
    let last;
    for (let attempts = 1; ; attempts++) {
      expect(attempts).toBeLessThan(50);
      last = await attempt(journal, log, { journal: { op: attempts, applied: true } });
      if (!last.died) break;
    }
    expect(last.outcome).toMatchObject({ status: "succeeded", text: reference.outcome.text, outputs: reference.outcome.outputs });
    expect(structural(log)).toEqual(structural(reference.log));
    expect(shownText(log)).toBe(shownText(reference.log));
    expect(log.filter((event) => event.type === "step_retry").length).toBeGreaterThan(0);
  });

  it("makes a call of a tool the agent file names idempotent again when a crash caught it", async () => {
    const config = agentConfigSchema.parse({ ...agent, idempotent_tools: ["send"] });
    const reference = await uninterrupted();
    const begun = reference.log.findIndex((event) => event.type === "tool_start" && event.call_id === "c3");
    const caught = reference.log.findIndex((event) => event.type === "tool_progress" && event.call_id === "c3") + 1;
    resetCalls();
    const journal = memoryJournal();
    const log: AgentEvent[] = [];
    await attempt(journal, log, { afterEvent: caught }, config);
    const second = await attempt(journal, log, undefined, config);
    expect(calls.begun.filter((key) => key === "news")).toHaveLength(2);
    expect(second.sent.filter((event) => event.type === "step_retry")).toEqual([
      { type: "step_retry", step: "research/tool/c3", attempt: 2, call_id: "c3", after_seq: begun },
    ]);
    expect(log.filter((event) => event.type === "tool_result" && event.call_id === "c3")).toEqual([
      expect.objectContaining({ success: true }),
    ]);
    expect(second.outcome.text).toBe(reference.outcome.text);
  });

  it("counts the thinking of the attempts before it", async () => {
    // The clock moves a second at each thinking event, and only then.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const tick = (event: AgentEvent) => event.type === "thinking" && vi.setSystemTime(Date.now() + 1_000);
      const thinkingMs = (log: AgentEvent[]) => log.flatMap((event) => (event.type === "done" ? [event.metadata.thinking_ms] : []));
      const reference: AgentEvent[] = [];
      await attempt(memoryJournal(), reference, undefined, agent, tick);
      expect(thinkingMs(reference)).toEqual([2_000]); // the model's reasoning, then "Preparing Report…"

      const journal = memoryJournal();
      const log: AgentEvent[] = [];
      await attempt(journal, log, { journal: { op: 2, applied: true } }, agent, tick); // dies once the first call is stored
      await attempt(journal, log, undefined, agent, tick);
      expect(thinkingMs(log)).toEqual([2_000]);
    } finally {
      vi.useRealTimers();
    }
  });
});
