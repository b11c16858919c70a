import { readUIMessageStream } from "ai";
import { describe, expect, it } from "vitest";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { createUIEncoder } from "./ui-encoder";
import type { ChatMessage } from "./message";
import { toUIChunks, toUIMessage } from "./ui-message";

function run(events: AgentEvent[]): SequencedEvent[] {
  return events.map((event, i) => ({ ...event, seq: i + 1 }) as SequencedEvent);
}

const report = { country: "Spain", capital: "Madrid" };
const twoPhaseRun = run([
  { type: "start", run_id: "r1", session_id: "s1", agent: "country-analyst", model: "demo", notice: "demo model answering" },
  { type: "phase_start", phase_id: "research", description: "Gathering facts" },
  { type: "thinking", content: "Look up ", phase_id: "research" },
  { type: "thinking", content: "Spain.", phase_id: "research" },
  { type: "tool_start", call_id: "c1", tool: "get_country_info", arguments: { country: "Spain" }, phase_id: "research" },
  { type: "tool_progress", call_id: "c1", progress: 1, total: 2 },
  { type: "tool_progress", call_id: "c1", progress: 2, total: 2 },
  { type: "tool_result", call_id: "c1", tool: "get_country_info", result: { capital: "Madrid" }, success: true, duration_ms: 12 },
  { type: "tool_start", call_id: "c2", tool: "calculator", arguments: { expression: "1/0" }, phase_id: "research" },
  { type: "tool_result", call_id: "c2", tool: "calculator", result: null, success: false, error: "Division by zero", duration_ms: 1 },
  { type: "text", content: "Spain's capital ", phase_id: "research" },
  { type: "text", content: "is Madrid.", phase_id: "research" },
  { type: "phase_complete", phase_id: "research", summary: "Spain's capital is Madrid.", duration_ms: 40 },
  { type: "phase_start", phase_id: "answer", description: "Writing the report" },
  { type: "structured_data", schema: "CountryReport", data: report, phase_id: "answer" },
  { type: "phase_complete", phase_id: "answer", summary: "CountryReport ready", duration_ms: 5 },
  {
    type: "done",
    metadata: { duration_ms: 60, model: "demo", usage: { input_tokens: 10, output_tokens: 20 }, session_id: "s1", run_id: "r1" },
  },
]);

describe("UI message encoding", () => {
  it("merges consecutive thinking and text into single parts", () => {
    const encode = createUIEncoder();
    const types = twoPhaseRun.flatMap(encode).map((chunk) => chunk.type);
    expect(types.filter((t) => t === "reasoning-start")).toHaveLength(1);
    expect(types.filter((t) => t === "text-start")).toHaveLength(1);
    expect(types.filter((t) => t === "text-end")).toHaveLength(1);
    expect(types[0]).toBe("start");
    expect(types.at(-1)).toBe("finish");
  });

  it("builds the message useChat shows: reasoning, tool calls, phases, text, structured data, metadata", async () => {
    const message = (await toUIMessage(twoPhaseRun))!;
    expect(message.id).toBe("run-r1");
    expect(message.metadata).toMatchObject({
      run_id: "r1",
      session_id: "s1",
      model: "demo",
      notice: "demo model answering",
      duration_ms: 60,
      usage: { output_tokens: 20 },
    });
    const byType = (type: string) => message.parts.filter((part) => part.type === type);
    expect(byType("reasoning")).toMatchObject([{ text: "Look up Spain." }]);
    expect(byType("text")).toMatchObject([{ text: "Spain's capital is Madrid." }]);
    expect(byType("dynamic-tool")).toMatchObject([
      {
        toolCallId: "c1",
        toolName: "get_country_info",
        state: "output-available",
        input: { country: "Spain" },
        output: { capital: "Madrid" },
      },
      { toolCallId: "c2", toolName: "calculator", state: "output-error", errorText: "Division by zero" },
    ]);
    // Data parts with an id are updated in place: one per phase, one (the latest) progress per call.
    expect(byType("data-phase")).toMatchObject([
      { data: { phase_id: "research", status: "done", duration_ms: 40 } },
      { data: { phase_id: "answer", status: "done" } },
    ]);
    expect(byType("data-progress")).toMatchObject([{ data: { call_id: "c1", progress: 2, total: 2 } }]);
    expect(byType("data-structured")).toMatchObject([{ data: { schema: "CountryReport", data: report } }]);
  });

  it("stores the same message the browser builds from the stream, delta by delta", async () => {
    let streamed: ChatMessage | undefined;
    for await (const snapshot of readUIMessageStream<ChatMessage>({ stream: toUIChunks([twoPhaseRun]) })) streamed = snapshot;
    expect(await toUIMessage(twoPhaseRun)).toEqual(streamed);
  });

  it("shows a failed run's error in the transcript", async () => {
    const failed = run([
      { type: "start", run_id: "r2", session_id: "s1", agent: "assistant", model: "demo" },
      { type: "text", content: "Let me" },
      { type: "error", code: "TIMEOUT", message: "The run took longer than its time limit and was stopped." },
    ]);
    const message = (await toUIMessage(failed))!;
    expect(message.parts).toMatchObject([
      { type: "text", text: "Let me" },
      { type: "data-run-error", data: { code: "TIMEOUT" } },
    ]);
  });

  describe("a run resumed after its process died", () => {
    const research = "research";
    const c1Start: AgentEvent = {
      type: "tool_start",
      call_id: "c1",
      tool: "get_country_info",
      arguments: { country: "Spain" },
      phase_id: research,
    };
    const c1Result: AgentEvent = {
      type: "tool_result",
      call_id: "c1",
      tool: "get_country_info",
      result: { capital: "Madrid" },
      success: true,
      duration_ms: 12,
    };
    const progress = (n: number): AgentEvent => ({ type: "tool_progress", call_id: "c1", progress: n, total: 2 });
    const thinking = (content: string, phase_id: string): AgentEvent => ({ type: "thinking", content, phase_id });
    const said = (content: string): AgentEvent => ({ type: "text", content, phase_id: research });
    const head: AgentEvent[] = [
      { type: "start", run_id: "r1", session_id: "s1", agent: "country-analyst", model: "demo" },
      { type: "phase_start", phase_id: research, description: "Gathering facts" },
      thinking("Look up Spain.", research),
    ];
    const answerPhase: AgentEvent = { type: "phase_start", phase_id: "answer", description: "Writing the report" };
    const tail: AgentEvent[] = [
      { type: "structured_data", schema: "CountryReport", data: report, phase_id: "answer" },
      { type: "phase_complete", phase_id: "answer", summary: "CountryReport ready", duration_ms: 5 },
      twoPhaseRun.at(-1)!,
    ];
    const researchDone: AgentEvent = { type: "phase_complete", phase_id: research, summary: "Spain's capital is Madrid.", duration_ms: 40 };
    const uninterrupted = run([
      ...head,
      c1Start,
      progress(1),
      progress(2),
      c1Result,
      said("Spain's capital "),
      said("is Madrid."),
      researchDone,
      answerPhase,
      thinking("Preparing CountryReport…", "answer"),
      thinking(" In short.", "answer"),
      ...tail,
    ]);
    // The same run, its process dead thrice: in a tool call, in a model call's text, in a model call's thinking (twice, the second time before it said anything).
    const resumed = run([
      ...head,
      c1Start,
      progress(1), // 5
      { type: "step_retry", step: "research/tool/c1", attempt: 2, call_id: "c1", after_seq: 3 },
      progress(1),
      progress(2),
      c1Result, // 9
      said("Spain's "),
      { type: "step_retry", step: "research/model/1", attempt: 2, after_seq: 9 },
      said("Spain's capital "),
      said("is Madrid."),
      researchDone,
      answerPhase,
      thinking("Preparing CountryReport…", "answer"), // 16
      thinking(" The report", "answer"),
      { type: "step_retry", step: "answer/model/0", attempt: 2, after_seq: 16 },
      { type: "step_retry", step: "answer/model/0", attempt: 3, after_seq: 16 },
      thinking(" In short.", "answer"),
      ...tail,
    ]);

    /** What useChat shows once these events have streamed, one batch each. */
    async function live(events: SequencedEvent[]) {
      let shown: ChatMessage | undefined;
      for await (const snapshot of readUIMessageStream<ChatMessage>({ stream: toUIChunks(events.map((event) => [event])) }))
        shown = snapshot;
      return shown;
    }

    it("shows, live and stored, the answer of the run never cut off", async () => {
      expect(await toUIMessage(resumed)).toEqual(await toUIMessage(uninterrupted));
      expect(await live(resumed)).toEqual(await toUIMessage(uninterrupted));
    });

    it("shows live, at every event, what the transcript rebuilds from the events so far", async () => {
      for (let n = 1; n <= resumed.length; n++)
        expect(await live(resumed.slice(0, n)), `after ${n} events`).toEqual(await toUIMessage(resumed.slice(0, n)));
      // The tool call made again: its card without the progress of the first attempt.
      const reset = (await live(resumed.slice(0, 6)))!;
      expect(reset.parts.filter((part) => part.type === "data-progress")).toEqual([]);
      expect(reset.parts.filter((part) => part.type === "dynamic-tool")).toMatchObject([{ toolCallId: "c1", state: "input-available" }]);
    });

    it("starts the message again only for a retry that voids what was sent", () => {
      const encode = createUIEncoder();
      const resets = resumed.map((event) => encode(event).filter((chunk) => chunk.type === "reset-step").length);
      expect(resets.flatMap((count, i) => (count ? [resumed[i]!.seq] : []))).toEqual([6, 11, 18]);
    });
  });
});
