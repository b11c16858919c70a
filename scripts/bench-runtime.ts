/**
 * `npm run bench:runtime`: how fast the agent runtime turns a model's stream into events, and what it
 * costs against the bare AI SDK loop (`streamText`) over the same model and tools.
 *   - demo: the built-in model with no token delay, the `assistant` agent and its real tools;
 *   - stub: the real @ai-sdk/openai provider against a local scripted OpenAI-compatible server.
 * Prints, per case: runs, events per run, events/s through the runtime, mean run time of the
 * runtime and of the bare loop, and the runtime's own overhead per event.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { jsonSchema, stepCountIs, streamText, tool } from "ai";
import { agentConfigSchema } from "../lib/agent/config";
import type { SequencedEvent } from "../lib/agent/events";
import type { RunJournal } from "../lib/agent/journal";
import { createAgent } from "../lib/agent/orchestrator";
import { phaseSystemPrompt } from "../lib/agent/prompt";
import { createDemoModel } from "../lib/llm/demo/model";
import { resolveModel } from "../lib/llm/providers";
import { builtinTools } from "../lib/tools/builtin";
import { McpPool } from "../lib/tools/mcp/pool";
import { createPool } from "../lib/db/prisma";
import { insertEvents } from "../lib/runs/event-store";
import { createEventWriter } from "../lib/runs/event-writer";
import { stepJournal } from "../lib/runs/journal-store";
import { insertRunStarts } from "../lib/runs/run-store";
import { startOpenAIStub } from "../test/support/openai-stub";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const QUERY = "What is (1234 * 5678) + 91011?";
const ANSWER = `The result is 7006463. ${"This sentence pads the answer to a realistic length of streamed tokens. ".repeat(20)}`;

const assistant = agentConfigSchema.parse({
  name: "assistant",
  description: "Calculates.",
  model: "demo",
  system_prompt: "Use the calculator for arithmetic.",
  tools: ["calculator"],
});
const tools = [builtinTools.get("calculator")!];
const mcp = new McpPool({}, { connectTimeoutMs: 1000, callTimeoutMs: 1000, toolsTtlMs: 1000 });

/** One run through the whole runtime: phases, tool events. Returns its event count. */
async function runtimeRun(model: LanguageModelV4, i: number, emit: (event: object) => void = () => {}, journal?: RunJournal) {
  const agent = createAgent(assistant, {
    tools: { builtins: builtinTools, mcp },
    models: {},
    model: { model, id: "bench", structuredOutput: "prompt" },
  });
  let events = 0;
  const outcome = await agent.run({
    runId: `r${i}`,
    sessionId: `s${i}`,
    userId: "bench",
    query: QUERY,
    history: [],
    emit: (event) => {
      events++;
      emit(event);
    },
    journal,
  });
  if (outcome.status !== "succeeded") throw new Error(`run ${i} ${outcome.status}: ${outcome.error?.message}`);
  return events;
}

const signal = new AbortController().signal;
const aiTools = Object.fromEntries(
  tools.map((runtimeTool) => [
    runtimeTool.name,
    tool({
      description: runtimeTool.description,
      inputSchema: jsonSchema<Record<string, unknown>>(runtimeTool.inputSchema),
      execute: (input) => runtimeTool.execute(input, { signal, onProgress: () => {} }),
    }),
  ]),
);

/** The same model, prompt and tools through the bare AI SDK loop: the baseline. */
async function bareRun(model: LanguageModelV4) {
  const result = streamText({
    model,
    system: phaseSystemPrompt(assistant, { id: "answer", description: "Answering" }, {}, []),
    messages: [{ role: "user", content: QUERY }],
    tools: aiTools,
    stopWhen: stepCountIs(assistant.max_iterations),
  });
  for await (const part of result.fullStream) if (part.type === "error") throw part.error;
}

async function time(runs: number, body: (i: number) => Promise<unknown>) {
  const started = performance.now();
  for (let i = 0; i < runs; i++) await body(i);
  return (performance.now() - started) / runs;
}

async function bench(name: string, model: () => LanguageModelV4, beforeEach: () => void = () => {}) {
  let events = 0;
  // Warm up both paths (JIT, module caches) before measuring.
  for (let i = 0; i < 10; i++) {
    beforeEach();
    await runtimeRun(model(), i);
    beforeEach();
    await bareRun(model());
  }
  const runtimeMs = await time(RUNS, async (i) => {
    beforeEach();
    events = await runtimeRun(model(), i);
  });
  const bareMs = await time(RUNS, async () => {
    beforeEach();
    await bareRun(model());
  });
  return {
    case: name,
    runs: RUNS,
    "events/run": events,
    "events/s": Math.round((events / runtimeMs) * 1000),
    "runtime ms/run": runtimeMs.toFixed(2),
    "bare SDK ms/run": bareMs.toFixed(2),
    "overhead µs/event": (((runtimeMs - bareMs) / events) * 1000).toFixed(1),
  };
}

const stub = await startOpenAIStub();
const stubModels = { openaiApiKey: "sk-bench", openaiBaseUrl: stub.baseURL };
const scriptStub = () =>
  stub.enqueue(
    { toolCalls: [{ name: "calculator", arguments: { expression: "(1234 * 5678) + 91011" } }] },
    { text: ANSWER, usage: { prompt_tokens: 50, completion_tokens: 200 } },
  );

const rows = [
  await bench("demo model, 0 ms/token", () => createDemoModel({ tokenDelayMs: 0 })),
  await bench("stub-served openai:*", () => resolveModel("openai:bench", stubModels).model, scriptStub),
];
console.table(rows);
console.log(`Node ${process.version}, ${RUNS} measured runs per path after 10 warm-up runs.`);

if (process.env.DATABASE_URL) console.table(await journalCost(process.env.DATABASE_URL));
else console.log("Set DATABASE_URL (a migrated database) to measure the step journal's cost too.");
await stub.close();
await mcp.close();

/**
 * What the step journal adds to a run whose events are stored as the app stores them (the event
 * writer, batching every STREAM_FLUSH_MS = 50 ms): the stub's runs with a tool (2 model calls, 1
 * tool call) and without (1 model call), each with no journal and with the journal in Postgres.
 * A step is stored as it starts and, once its events are, as done.
 */
async function journalCost(databaseUrl: string) {
  const pool = createPool(databaseUrl, 4);
  const user = await pool.query<{ id: string }>(
    `INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $1 || '@bench.local', now()) RETURNING id`,
    [`bench-journal-${Date.now()}`],
  );
  const userId = user.rows[0]!.id;
  const newRuns = async (count: number) => {
    const starts = Array.from({ length: count }, () => ({
      userId,
      agent: "assistant",
      model: "bench",
      query: QUERY,
      params: {},
      status: "RUNNING" as const,
      instanceId: "bench",
      expiresAt: new Date(Date.now() + 3600_000),
      title: "bench",
      input: { history: [], titleByModel: false },
    }));
    return (await insertRunStarts(pool, starts)).map((started) => started!.runId);
  };
  const writer = createEventWriter({
    insert: (rows) => insertEvents(pool, rows),
    flushMs: 50,
    maxBatch: 1000,
    retryForMs: 0,
    ping: () => pool.query("SELECT 1"),
  });
  const storedRun = async (model: LanguageModelV4, runId: string, journaled: boolean) => {
    let seq = 0;
    const emit = (event: object) => writer.append(runId, { ...event, seq: ++seq } as SequencedEvent, { now: seq === 1 });
    const journal = journaled
      ? stepJournal({ db: pool, runId, steps: new Map(), lastSeq: () => seq, stored: () => writer.settled(runId) })
      : undefined;
    await runtimeRun(model, 0, emit, journal);
    await writer.settled(runId);
    writer.release(runId);
  };
  const stubModel = () => resolveModel("openai:bench", stubModels).model;
  const cases = [
    { name: "1 model call", script: () => stub.enqueue({ text: ANSWER, usage: { prompt_tokens: 50, completion_tokens: 200 } }) },
    { name: "2 model calls + 1 tool call", script: scriptStub },
  ];
  const rows = [];
  for (const { name, script } of cases) {
    const mean = async (journaled: boolean) => {
      const runIds = await newRuns(RUNS + 10);
      for (const runId of runIds.slice(0, 10)) {
        script();
        await storedRun(stubModel(), runId, journaled);
      }
      const measured = runIds.slice(10);
      return time(RUNS, async (i) => {
        script();
        await storedRun(stubModel(), measured[i]!, journaled);
      });
    };
    const [without, withJournal] = [await mean(false), await mean(true)];
    rows.push({
      case: name,
      runs: RUNS,
      "no journal ms/run": without.toFixed(2),
      "journal ms/run": withJournal.toFixed(2),
      "added ms/run": (withJournal - without).toFixed(2),
    });
  }
  await pool.query(`DELETE FROM "ChatSession" WHERE "userId" = $1`, [userId]);
  await pool.query(`DELETE FROM "User" WHERE id = $1`, [userId]);
  await pool.end();
  return rows;
}
