import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, describe, expect, it } from "vitest";
import shipped from "@/agents/country-analyst.json";
import { agentConfigSchema } from "@/lib/agent/config";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { McpPool } from "@/lib/tools/mcp/pool";
import { CrashError, memoryJournal } from "@/test/support/journal";
import { finish, step, text, toolCall, usage } from "@/test/support/mock-model";
import { runScripted } from "@/test/support/run-agent";
import { outcomeReader } from "./outcome";

/** Events numbered as lib/runs numbers them. */
const numbered = (events: AgentEvent[]) => events.map((event, i) => ({ ...event, seq: i + 1 }) as SequencedEvent);

// The shipped agent, on a scripted model.
const analyst = agentConfigSchema.parse(shipped);
const report = {
  country: "Spain",
  capital: "Madrid",
  population: 48300000,
  currency: "EUR",
  summary: "In short.",
  sources: ["get_country_info"],
};

const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });
afterAll(() => mcp.close());

/** The agent's own outcome beside the one read back from the events it emitted. */
async function both(model: MockLanguageModelV4) {
  const { outcome, events } = await runScripted(analyst, model, { mcp });
  const reader = outcomeReader();
  for (const event of numbered(events)) {
    expect(reader.outcome).toBeUndefined();
    reader.read(event);
  }
  return { outcome, read: reader.outcome };
}

describe("a run's outcome read from its events", () => {
  it("is the agent's own outcome: text, structured outputs, model, usage, duration and why the last call stopped", async () => {
    const length: LanguageModelV4StreamPart = { type: "finish", usage, finishReason: { unified: "length", raw: "max_tokens" } };
    const { outcome, read } = await both(
      new MockLanguageModelV4({
        doStream: [
          step(toolCall("get_country_info", { country: "Spain" }, "c1"), [finish("tool-calls")]),
          step(text("Spain's capital is Madrid."), [finish("stop")]),
          step(text(JSON.stringify(report)), [length]),
        ],
      }),
    );
    expect(outcome).toMatchObject({ status: "succeeded", finishReason: "length", outputs: { CountryReport: report } });
    expect(read).toEqual({ ...outcome, error: undefined });
  });

  it("says how a failed run ended, with what it had said; usage and duration are not in its log", async () => {
    const { outcome, read } = await both(
      new MockLanguageModelV4({
        doStream: [
          step(text("Looking it up. "), toolCall("get_country_info", { country: "Spain" }, "c1"), [finish("tool-calls")]),
          { stream: new ReadableStream({ start: (c) => c.error(Object.assign(new Error("upstream 400"), { statusCode: 400 })) }) },
        ],
      }),
    );
    expect(outcome.status).toBe("failed");
    expect(read).toMatchObject({
      status: outcome.status,
      model: outcome.model,
      text: outcome.text,
      outputs: outcome.outputs,
      error: outcome.error,
    });
    expect(read?.text).toBe("Looking it up.");
  });
});

describe("the outcome of a run resumed after its process died", () => {
  it("is the resumed run's own: the text of the model call the crash cut off is not in it twice", async () => {
    const journal = memoryJournal();
    const log: AgentEvent[] = [];
    /** One attempt of the run on `journal`, resuming from `log`; it dies at its first text when told to. */
    const attempt = async (model: MockLanguageModelV4, dieAtText: boolean) => {
      const controller = new AbortController();
      let dead = false;
      const die = () => {
        dead = true;
        controller.abort(new CrashError());
      };
      const { outcome } = await runScripted(analyst, model, {
        mcp,
        signal: controller.signal,
        resume: { events: [...log] },
        journal: journal.attempt({ logLength: () => log.length, isDead: () => dead, die }),
        onEvent: (event) => {
          if (dead) return;
          // The after_seq lib/runs gives a step_retry: the log's length when the cut-off attempt began.
          log.push(event.type === "step_retry" ? { ...event, after_seq: journal.begunAt.get(event.step)!.at(-2)! } : event);
          if (dieAtText && event.type === "text") die();
        },
      });
      return outcome;
    };
    // A model's stream is read once: each attempt gets its own.
    const answer = () => step(text("Spain's capital is Madrid."), [finish("stop")]);
    const lookup = step(toolCall("get_country_info", { country: "Spain" }, "c1"), [finish("tool-calls")]);
    await attempt(new MockLanguageModelV4({ doStream: [lookup, answer()] }), true);
    const resumed = await attempt(
      new MockLanguageModelV4({ doStream: [answer(), step(text(JSON.stringify(report)), [finish("stop")])] }),
      false,
    );

    // The log has the cut-off attempt's first word, then the step_retry that voids it.
    expect(log.flatMap((event) => (event.type === "text" ? [event.content] : [])).join("")).toBe("Spain's Spain's capital is Madrid.");
    expect(log.filter((event) => event.type === "step_retry")).toMatchObject([{ step: "research/model/1", after_seq: expect.any(Number) }]);
    const reader = outcomeReader();
    for (const event of numbered(log)) reader.read(event);
    expect(resumed).toMatchObject({ status: "succeeded", text: "Spain's capital is Madrid.", outputs: { CountryReport: report } });
    expect(reader.outcome).toEqual({ ...resumed, error: undefined });
  });

  it("drops what a model call's step_retry voids, and nothing for a tool call's or one without after_seq", () => {
    const read = (events: AgentEvent[]) => {
      const reader = outcomeReader();
      for (const event of numbered([...events, { type: "error", code: "INTERNAL", message: "x" }])) reader.read(event);
      return reader.outcome!.text;
    };
    const start: AgentEvent = { type: "start", run_id: "r", session_id: "s", agent: "a", model: "m" };
    const said: AgentEvent[] = [start, { type: "text", content: "Hello " }, { type: "text", content: "wor" }];
    expect(read([...said, { type: "step_retry", step: "p/model/0", attempt: 2, after_seq: 2 }, { type: "text", content: "world" }])).toBe(
      "Hello world",
    );
    expect(read([...said, { type: "step_retry", step: "p/tool/c1", attempt: 2, call_id: "c1", after_seq: 1 }])).toBe("Hello wor");
    expect(read([...said, { type: "step_retry", step: "p/model/0", attempt: 2 }])).toBe("Hello wor");
  });
});
