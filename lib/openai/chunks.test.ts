import { describe, expect, it } from "vitest";
import type { AgentEvent, SequencedEvent } from "@/lib/agent/events";
import { completionChunks, completionOf, wholeCompletion } from "./chunks";

const run = (events: AgentEvent[]) => events.map((event, i) => ({ ...event, seq: i + 1 }) as SequencedEvent);

async function* oneByOne(events: SequencedEvent[]) {
  for (const event of events) yield [event];
}

const start: AgentEvent = { type: "start", run_id: "r1", session_id: "s1", agent: "assistant", model: "demo" };
const said = (content: string): AgentEvent => ({ type: "text", content, phase_id: "answer" });
const done: AgentEvent = {
  type: "done",
  metadata: { duration_ms: 60, model: "demo", usage: { input_tokens: 10, output_tokens: 20 }, session_id: "s1", run_id: "r1" },
};
const retry = (after_seq: number): AgentEvent => ({ type: "step_retry", step: "answer/model/0", attempt: 2, after_seq });

const options = { completion: completionOf("r1", "assistant"), answer: { phaseId: "answer" } };

/** The streamed completion's `data:` lines, parsed ([DONE] as is). */
async function streamed(events: SequencedEvent[]) {
  const lines: unknown[] = [];
  for await (const text of completionChunks(oneByOne(events), { ...options, includeUsage: false }))
    for (const line of text.split("\n\n").filter(Boolean)) {
      const data = line.replace(/^data: /, "");
      lines.push(data === "[DONE]" ? data : JSON.parse(data));
    }
  return lines;
}

const contentOf = (lines: unknown[]) =>
  lines.flatMap((line) => (line as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? []).join("");

describe("a run resumed after its process died, as OpenAI completions", () => {
  // The model call the crash cut off had said "Spain's " (seq 2); its retry says it all again.
  const resumed = run([start, said("Spain's "), retry(1), said("Spain's capital is Madrid."), done]);

  it("streamed, ends with an error once a step_retry voids content it sent, which it cannot take back", async () => {
    const lines = await streamed(resumed);
    expect(contentOf(lines)).toBe("Spain's ");
    expect(lines.at(-1)).toEqual({ error: { type: "server_error", code: "INTERRUPTED", message: expect.stringContaining("Ask again") } });
    expect(lines).not.toContain("[DONE]");
  });

  it("streamed, shows nothing of a step_retry that voids nothing it sent", async () => {
    const lines = await streamed(
      run([
        start,
        said("So: "),
        retry(2),
        said("Spain's capital is Madrid."),
        { type: "tool_start", call_id: "c1", tool: "lookup", arguments: {} },
        { type: "tool_progress", call_id: "c1", progress: 1 },
        { type: "step_retry", step: "answer/tool/c1", attempt: 2, call_id: "c1", after_seq: 4 },
        done,
      ]),
    );
    expect(contentOf(lines)).toBe("So: Spain's capital is Madrid.");
    expect(lines.at(-1)).toBe("[DONE]");
  });

  it("in one piece, answers with what the run says once resumed", async () => {
    const whole = await wholeCompletion(oneByOne(resumed), { ...options, runId: "r1" });
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({ choices: [{ message: { content: "Spain's capital is Madrid." } }] });
  });
});
