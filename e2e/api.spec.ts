import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import OpenAI from "openai";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectError, parseSse, type WireEvent } from "./helpers";
import { members } from "./users";

// The public API over HTTP against `next start`, as a program would use it.
test.describe.configure({ mode: "serial" });

const { carol, dave } = members;
const keys = { carol: "", dave: "", revoked: "" };

const as = (key: string) => ({ "X-API-Key": key });

test.beforeAll(async ({ newContext }) => {
  for (const [account, name] of [
    [carol, "carol"],
    [dave, "dave"],
  ] as const) {
    const { request } = await newContext({ as: account });
    const created = await request.post("/api/keys", { data: { name: "e2e" } });
    expect(created.status()).toBe(201);
    keys[name] = (await created.json()).key;
    if (name === "carol") {
      const doomed = await (await request.post("/api/keys", { data: { name: "doomed" } })).json();
      keys.revoked = doomed.key;
      expect((await request.delete(`/api/keys/${doomed.id}`)).status()).toBe(204);
    }
  }
});

async function stream(request: APIRequestContext, key: string, agent: string, data: object) {
  const response = await request.post(`/api/agents/${agent}/stream`, { headers: as(key), data });
  expect(response.status(), await response.text()).toBe(200);
  return { response, events: parseSse(await response.text()) };
}

function expectWellFormed(events: WireEvent[]) {
  expect(events[0]?.event).toBe("start");
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  expect(["done", "error"]).toContain(events.at(-1)?.event);
}

test("health needs no key", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("every protected route answers 401 without a key, with a wrong key and with a revoked key", async ({ request }) => {
  const routes: [string, string][] = [
    ["GET", "/api/agents"],
    ["GET", "/api/agents/assistant/config"],
    ["POST", "/api/agents/assistant/chat"],
    ["POST", "/api/agents/assistant/stream"],
    ["GET", "/api/agents/assistant/sessions"],
    ["GET", "/api/agents/assistant/sessions/cmabcdefghijklmnopqrstuvw"],
    ["DELETE", "/api/agents/assistant/sessions/cmabcdefghijklmnopqrstuvw"],
    ["GET", "/api/runs/cmabcdefghijklmnopqrstuvw/events"],
    ["POST", "/api/runs/cmabcdefghijklmnopqrstuvw/cancel"],
    ["POST", "/api/runs/cmabcdefghijklmnopqrstuvw/feedback"],
    ["GET", "/v1/models"],
    ["POST", "/v1/chat/completions"],
    ["GET", "/api/keys"],
    ["POST", "/api/keys"],
    ["DELETE", "/api/keys/some-key"],
  ];
  const attempts: Record<string, string>[] = [
    {},
    as("as_wrong-key-0000000000000000000000000"),
    as(keys.revoked),
    { Authorization: `Bearer ${keys.revoked}` },
  ];
  for (const headers of attempts) {
    for (const [method, url] of routes) {
      const response = await request.fetch(url, { method, headers, data: method === "POST" ? { query: "hi" } : undefined });
      expect(response.status(), `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
  }
});

test("an API key lists its owner's keys but cannot create or revoke one", async ({ request }) => {
  const listed = await request.get("/api/keys", { headers: as(keys.carol) });
  expect(listed.status()).toBe(200);
  const { keys: carolKeys } = await listed.json();
  expect(carolKeys.map((k: { name: string }) => k.name).sort()).toEqual(["doomed", "e2e"]);
  await expectError(await request.post("/api/keys", { headers: as(keys.carol), data: { name: "minted by a key" } }), 403, "forbidden");
  const live = carolKeys.find((k: { revokedAt: string | null }) => !k.revokedAt);
  await expectError(await request.delete(`/api/keys/${live.id}`, { headers: as(keys.carol) }), 403, "forbidden");
  expect((await (await request.get("/api/keys", { headers: as(keys.carol) })).json()).keys).toHaveLength(2);
});

test("lists agents with their public config, never their prompts", async ({ request }) => {
  const { agents } = await (await request.get("/api/agents", { headers: { Authorization: `Bearer ${keys.carol}` } })).json();
  expect(agents.map((a: { name: string }) => a.name).sort()).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
  const config = await (await request.get("/api/agents/country-analyst/config", { headers: as(keys.carol) })).json();
  expect(config.phases.map((p: { id: string }) => p.id)).toEqual(["research", "answer"]);
  expect(JSON.stringify(config)).not.toContain("careful country analyst");
  await expectError(await request.get("/api/agents/nope/config", { headers: as(keys.carol) }), 404, "not_found");
});

test("synchronous chat answers with text, ids and metadata, and continues a session", async ({ request }) => {
  const first = await request.post("/api/agents/assistant/chat", { headers: as(keys.carol), data: { query: "What is (12 + 30) * 2?" } });
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body).toMatchObject({ answer: expect.stringContaining("84"), structured: {}, metadata: { model: "demo" } });
  expect(body.metadata.usage.output_tokens).toBeGreaterThan(0);

  const second = await request.post("/api/agents/assistant/chat", {
    headers: as(keys.carol),
    data: { query: "And what is 2 + 2?", session_id: body.session_id },
  });
  expect((await second.json()).session_id).toBe(body.session_id);
  const detail = await (await request.get(`/api/agents/assistant/sessions/${body.session_id}`, { headers: as(keys.carol) })).json();
  expect(detail.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
  expect(detail.runs.map((r: { status: string }) => r.status)).toEqual(["SUCCEEDED", "SUCCEEDED"]);
});

test("streams events in the SSE wire format, in order, from start to done, with structured data", async ({ request }) => {
  const { response, events } = await stream(request, keys.carol, "country-analyst", { query: "Tell me about Spain" });
  expect(response.headers()["content-type"]).toContain("text/event-stream");
  expectWellFormed(events);
  const types = events.map((e) => e.event);
  expect(types.at(-1)).toBe("done");
  for (const type of ["phase_start", "thinking", "tool_start", "tool_result", "text", "structured_data", "phase_complete"])
    expect(types).toContain(type);
  expect(events.find((e) => e.event === "structured_data")?.data).toMatchObject({
    schema: "CountryReport",
    data: { country: "Spain", capital: "Madrid" },
  });
  expect(events.find((e) => e.event === "done")?.data).toMatchObject({ metadata: { run_id: response.headers()["x-run-id"] } });
});

test("reconnecting with Last-Event-ID gets exactly the missing events", async ({ request }) => {
  const { response, events } = await stream(request, keys.carol, "assistant", { query: "Tell me about Japan" });
  const runId = response.headers()["x-run-id"];
  const cut = Math.floor(events.length / 2);
  const replay = await request.get(`/api/runs/${runId}/events`, { headers: { ...as(keys.carol), "Last-Event-ID": String(cut) } });
  const rest = parseSse(await replay.text());
  expect(rest).toEqual(events.slice(cut));
});

test("a client that disconnects mid-run does not stop it: everything still lands", async ({ baseURL, request }) => {
  const controller = new AbortController();
  const response = await fetch(`${baseURL}/api/agents/country-analyst/stream`, {
    method: "POST",
    headers: { ...as(keys.carol), "Content-Type": "application/json" },
    body: JSON.stringify({ query: "Tell me about Italy" }),
    signal: controller.signal,
  });
  const runId = response.headers.get("x-run-id")!;
  const sessionId = response.headers.get("x-session-id")!;
  await response.body!.getReader().read();
  controller.abort();

  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/agents/country-analyst/sessions/${sessionId}`, { headers: as(keys.carol) })).json()).runs[0].status,
      { timeout: 20_000 },
    )
    .toBe("SUCCEEDED");
  const detail = await (await request.get(`/api/agents/country-analyst/sessions/${sessionId}`, { headers: as(keys.carol) })).json();
  expect(detail.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
  const replay = parseSse(await (await request.get(`/api/runs/${runId}/events`, { headers: as(keys.carol) })).text());
  expectWellFormed(replay);
  expect(replay.at(-1)?.event).toBe("done");
});

test("cancelling a run ends its stream with error CANCELLED", async ({ baseURL, request }) => {
  const response = await fetch(`${baseURL}/api/agents/mcp-explorer/stream`, {
    method: "POST",
    headers: { ...as(keys.carol), "Content-Type": "application/json" },
    body: JSON.stringify({ query: "Trigger a long running operation of 20 seconds with 20 steps" }),
  });
  const runId = response.headers.get("x-run-id")!;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("event: tool_progress")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before progress:\n${text}`);
    text += value;
  }
  const cancel = await request.post(`/api/runs/${runId}/cancel`, { headers: as(keys.carol) });
  expect(cancel.status()).toBe(202);
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
  const events = parseSse(text);
  expect(events.at(-1)).toMatchObject({ event: "error", data: { code: "CANCELLED" } });
  await expect
    .poll(async () => (await (await request.post(`/api/runs/${runId}/cancel`, { headers: as(keys.carol) })).json()).status)
    .toBe("CANCELLED");
});

test("another user's sessions and runs are not found, whatever they try", async ({ request }) => {
  const mine = await (
    await request.post("/api/agents/assistant/chat", { headers: as(keys.carol), data: { query: "What time is it?" } })
  ).json();
  const theirs = as(keys.dave);
  await expectError(await request.get(`/api/agents/assistant/sessions/${mine.session_id}`, { headers: theirs }), 404, "not_found");
  await expectError(await request.delete(`/api/agents/assistant/sessions/${mine.session_id}`, { headers: theirs }), 404, "not_found");
  await expectError(await request.get(`/api/runs/${mine.run_id}/events`, { headers: theirs }), 404, "not_found");
  await expectError(await request.post(`/api/runs/${mine.run_id}/cancel`, { headers: theirs }), 404, "not_found");
  await expectError(
    await request.post("/api/agents/assistant/chat", { headers: theirs, data: { query: "hijack", session_id: mine.session_id } }),
    404,
    "not_found",
  );
  const list = await (await request.get("/api/agents/assistant/sessions", { headers: theirs })).json();
  expect(list.sessions.map((s: { id: string }) => s.id)).not.toContain(mine.session_id);
  await expectError(
    await request.get(`/api/agents/assistant/sessions?user=${encodeURIComponent("anyone")}`, { headers: theirs }),
    403,
    "forbidden",
  );
  // Still there for its owner.
  expect((await request.get(`/api/agents/assistant/sessions/${mine.session_id}`, { headers: as(keys.carol) })).status()).toBe(200);
});

test("bad input gets the right 4xx and writes nothing", async ({ request }) => {
  const headers = { ...as(keys.dave), "Content-Type": "application/json" };
  const count = async () => (await (await request.get("/api/agents/assistant/sessions?limit=100", { headers })).json()).sessions.length;
  const before = await count();
  // A Buffer goes out byte for byte (a string would be JSON-encoded once more).
  const post = (body: string, agent = "assistant") => request.post(`/api/agents/${agent}/chat`, { headers, data: Buffer.from(body) });

  await expectError(await post("{not json"), 400, "invalid_json");
  const wrongType = await post(JSON.stringify({ query: 42 }));
  await expectError(wrongType, 400, "invalid_body");
  expect((await (await post(JSON.stringify({ query: 42 }))).json()).error.message).toMatch(/^query/);
  await expectError(await post(JSON.stringify({ query: "x".repeat(2 * 1024 * 1024) })), 413, "payload_too_large");
  await expectError(await post(JSON.stringify({ query: "hi" }), "no-such-agent"), 404, "not_found");
  await expectError(await post(JSON.stringify({ query: "hi", session_id: "s".repeat(10_000) })), 400, "invalid_body");
  await expectError(await post(JSON.stringify({ query: "nul \u0000 and bell \u0007" })), 400, "invalid_body");
  await expectError(await post(JSON.stringify({ query: "hi", params: { country: 7 } }), "country-analyst"), 400, "invalid_body");
  await expectError(await post(JSON.stringify({ query: "hi", session_id: "cmnosuchsession0000000000" })), 404, "not_found");
  // Branches: one at most, in a session, with a question unless regenerating, on a run of that session.
  const session = "cmnosuchsession0000000000";
  const run = "cmnosuchrun00000000000000";
  for (const [body, field] of [
    [{ query: "hi", after_run_id: run }, "session_id"],
    [{ query: "hi", session_id: session, after_run_id: run, edit_run_id: run }, "edit_run_id"],
    [{ query: "hi", session_id: session, regenerate_run_id: run }, "query"],
    [{ session_id: session, edit_run_id: run }, "query"],
    [{ query: "hi", session_id: session, after_run_id: "not a run" }, "after_run_id"],
  ] as const) {
    const refused = await post(JSON.stringify(body));
    await expectError(refused, 400, "invalid_body");
    expect((await refused.json()).error.message, JSON.stringify(body)).toMatch(new RegExp(`^${field}`));
  }
  await expectError(await post(JSON.stringify({ query: "hi", session_id: session, after_run_id: run })), 404, "not_found");
  expect(await count()).toBe(before);

  const unicode = await post(JSON.stringify({ query: "¿Cuánto es 3 × 4? 你好 👋" }));
  expect(unicode.status()).toBe(200);
  expect(await count()).toBe(before + 1);
});

test("a session can be renamed through the API, by its owner only", async ({ request }) => {
  const { session_id } = await (
    await request.post("/api/agents/assistant/chat", { headers: as(keys.dave), data: { query: "What is 3 + 3?" } })
  ).json();
  const url = `/api/agents/assistant/sessions/${session_id}`;
  await expectError(await request.patch(url, { headers: as(keys.carol), data: { title: "Not yours" } }), 404, "not_found");
  await expectError(await request.patch(url, { headers: as(keys.dave), data: { title: "" } }), 400, "invalid_body");
  const renamed = await request.patch(url, { headers: as(keys.dave), data: { title: "Sums" } });
  expect(renamed.status()).toBe(200);
  expect((await (await request.get(url, { headers: as(keys.dave) })).json()).session.title).toBe("Sums");
});

test("deleting a session removes it", async ({ request }) => {
  const { session_id } = await (
    await request.post("/api/agents/assistant/chat", { headers: as(keys.dave), data: { query: "What is 1 + 1?" } })
  ).json();
  expect((await request.delete(`/api/agents/assistant/sessions/${session_id}`, { headers: as(keys.dave) })).status()).toBe(204);
  await expectError(await request.get(`/api/agents/assistant/sessions/${session_id}`, { headers: as(keys.dave) }), 404, "not_found");
});

test("20 concurrent streams all complete, with no error and no lost event", async ({ request }) => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => stream(request, i % 2 ? keys.carol : keys.dave, "assistant", { query: `What is ${i} + ${i}?` })),
  );
  for (const [i, { events }] of results.entries()) {
    expectWellFormed(events);
    expect(events.at(-1)?.event).toBe("done");
    expect(
      events
        .filter((e) => e.event === "text")
        .map((e) => e.data.content)
        .join(""),
    ).toContain(String(i + i));
  }
});

test("API keys from the settings page: shown once, copied, used for SSE, revoked", async ({ newContext, baseURL, request }) => {
  const page = await (await newContext({ as: carol, permissions: ["clipboard-read", "clipboard-write"] })).newPage();
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await page.getByLabel("Name").fill("from settings");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  expect(key).toMatch(/^as_/);
  await page.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expect(page.getByRole("cell", { name: `${key.slice(0, 11)}…` })).toBeVisible();

  const response = await fetch(`${baseURL}/api/agents/assistant/stream`, {
    method: "POST",
    headers: { "X-API-Key": key, "Content-Type": "application/json" },
    body: JSON.stringify({ query: "What is 2 + 3?" }),
  });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(parseSse(await response.text()).at(-1)?.event).toBe("done");

  await page.getByRole("button", { name: "Revoke from settings" }).click();
  await expect(page.getByRole("row", { name: /from settings/ }).getByText("Revoked")).toBeVisible();
  await expectError(await request.get("/api/agents", { headers: as(key) }), 401, "unauthorized");
});

test("the curl examples of docs/STREAMING.md work as written", async ({ baseURL, request }) => {
  const doc = await readFile("docs/STREAMING.md", "utf8");
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => !block.includes("export BASE="));
  const script = ["set -euo pipefail", ...blocks.map((block, i) => `echo "--- example ${i + 1}"\n${block}`)].join("\n");
  const { stdout } = await promisify(execFile)("bash", ["-c", script], {
    env: { ...process.env, BASE: baseURL!, KEY: keys.carol },
    timeout: 60_000,
  });
  const [, stream, resume, sync, cancel, regenerated, rated] = stdout.split(/--- example \d+\n/);
  expect(parseSse(stream!).at(-1)?.event).toBe("done");
  expect(parseSse(resume!).map((e) => e.id)[0]).toBe(4);
  expect(JSON.parse(sync!)).toMatchObject({ answer: expect.stringContaining("84") });
  expect(JSON.parse(cancel!)).toMatchObject({ status: "SUCCEEDED" });
  const again = JSON.parse(regenerated!);
  expect(again).toMatchObject({ answer: expect.stringContaining("4"), session_id: expect.any(String) });
  const runs = (await (await request.get(`/api/agents/assistant/sessions/${again.session_id}`, { headers: as(keys.carol) })).json()).runs;
  expect(runs.map((run: { parentRunId: string | null }) => run.parentRunId)).toEqual([null, null]);
  expect(new Set(runs.map((run: { questionId: string }) => run.questionId)).size).toBe(1);
  expect(JSON.parse(rated!)).toEqual({ run_id: runs[0].id, rating: "up" });
});

test("the OpenAI-compatible model list, read by the official openai SDK: one model per agent, OpenAI's errors", async ({ baseURL }) => {
  const client = new OpenAI({ apiKey: keys.carol, baseURL: `${baseURL}/v1` });
  const models = [];
  for await (const model of client.models.list()) models.push(model);
  expect(models.map((model) => model.id).sort()).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
  expect(models[0]).toMatchObject({ object: "model", owned_by: "agent-studio", created: expect.any(Number) });
  expect(models[0]!.created * 1000).toBeLessThanOrEqual(Date.now());

  const refused = await new OpenAI({ apiKey: "as_not_a_key", baseURL: `${baseURL}/v1` }).models.list().catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
  expect(refused).toMatchObject({ status: 401, type: "authentication_error", code: "unauthorized" });
});

test("chat completions through the official openai SDK: a structured answer is the content as JSON and the `structured` object, streamed or not", async ({
  baseURL,
}) => {
  const client = new OpenAI({ apiKey: keys.carol, baseURL: `${baseURL}/v1` });
  const question = { model: "country-analyst", messages: [{ role: "user" as const, content: "Tell me about Portugal" }] };
  const whole = await client.chat.completions.create(question);
  const message = whole.choices[0]!.message as (typeof whole.choices)[0]["message"] & { reasoning_content?: string };
  const report = JSON.parse(message.content!);
  expect(report).toMatchObject({ country: "Portugal", capital: "Lisbon" });
  expect((whole as unknown as { structured: object }).structured).toEqual({ CountryReport: report });
  expect(message.reasoning_content).toContain("Portugal");
  expect(whole.choices[0]!.finish_reason).toBe("stop");
  expect(whole.usage!.completion_tokens).toBeGreaterThan(0);

  const stream = await client.chat.completions.create({ ...question, stream: true });
  let content = "";
  for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
  expect(JSON.parse(content)).toMatchObject({ country: "Portugal", capital: "Lisbon" });
});

test("the browser's chat route streams the same run as AI SDK UI message chunks", async ({ newContext }) => {
  const { request } = await newContext({ as: carol });
  const response = await request.post("/api/chat", { data: { agent: "country-analyst", query: "Tell me about Portugal" } });
  expect(response.status()).toBe(200);
  const chunks = (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("data: {"))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; data?: { schema?: string } });
  const types = chunks.map((chunk) => chunk.type);
  expect(types[0]).toBe("start");
  expect(types.at(-1)).toBe("finish");
  for (const type of ["reasoning-delta", "tool-input-available", "tool-output-available", "text-delta", "data-phase", "data-structured"]) {
    expect(types, type).toContain(type);
  }
  expect(chunks.find((chunk) => chunk.type === "data-structured")?.data?.schema).toBe("CountryReport");

  // Nothing in progress any more: resuming has nothing to add. Someone else's session is not found.
  const sessionId = response.headers()["x-session-id"];
  expect((await request.get(`/api/chat/${sessionId}/stream`)).status()).toBe(204);
  await expectError(await request.get("/api/chat/cmnosuchsession0000000000/stream"), 404, "not_found");
});
