import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "@/test/support/databases";
import { readSse, startProductionServer, waitUntilServing, type Server } from "@/test/support/servers";
import { submitForm } from "@/test/support/sign-in";

// Malformed requests against the production build: each gets a 4xx JSON error with a request id,
// never a 500, an HTML page or an empty body.
const serverUrl = process.env.TEST_POSTGRES_URL || undefined;
const KEY = "bad-input-test-service-key-0123456789";

let database: TestDatabase;
let server: Server;
let admin: string; // the first account's session cookie

beforeAll(async () => {
  database = await createDatabase(serverUrl, "badinput");
  server = await startProductionServer({
    DATABASE_URL: database.url,
    AUTH_SECRET: "bad-input-test-secret-0123456789abcdef",
    API_KEYS: KEY,
  });
  await waitUntilServing(server);
  const registered = await submitForm(server.url, "/register", { name: "Ada", email: "ada@example.com", password: "ada's long password" });
  admin = registered.cookie!;
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request exactly as written: fetch would normalise `..`, and refuses TRACE. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const url = new URL(server.url);
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { ...headers, Connection: "close" } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const asKey = { "X-API-Key": KEY };
const asAdmin = () => ({ Cookie: admin });
const json = (data: unknown) => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });

function expectError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, type: answer.headers["content-type"] }, answer.body).toEqual({
    status,
    type: expect.stringMatching(/^application\/json/),
  });
  expect(JSON.parse(answer.body).error).toMatchObject({ code, message: expect.any(String) });
  expect(answer.headers["x-request-id"]).toBeTruthy();
}

async function chat(headers: Record<string, string>, data: object) {
  const { headers: type, body } = json(data);
  return raw("POST", "/api/agents/assistant/chat", { ...headers, ...type }, body);
}

describe("bad input (production build)", () => {
  it("refuses NUL and unpaired surrogates in ids, titles, key names, params, queries and search with a 400", async () => {
    const first = JSON.parse((await chat(asAdmin(), { query: "What is 2 + 2?" })).body);
    expect(first.session_id).toBeTruthy();
    const cases: [string, string, Record<string, string>, string | undefined][] = [
      ["GET", "/api/agents/assistant/sessions/ab%00cd", asKey, undefined],
      ["GET", "/api/runs/ab%00cd/events", asKey, undefined],
      ["POST", "/api/runs/ab%00cd/cancel", asKey, undefined],
      ["DELETE", "/api/keys/a%00b", asAdmin(), undefined],
      ["GET", "/api/admin/sessions?q=a%00b", asAdmin(), undefined],
      ["GET", "/api/admin/users?q=a%00b", asAdmin(), undefined],
    ];
    for (const [method, path, headers] of cases)
      expectError(await raw(method, path, headers), 400, method === "GET" && path.includes("?") ? "invalid_body" : "invalid_path");

    const rename = json({ title: "a\u0000b" });
    expectError(
      await raw("PATCH", `/api/agents/assistant/sessions/${first.session_id}`, { ...asAdmin(), ...rename.headers }, rename.body),
      400,
      "invalid_body",
    );
    const key = json({ name: "laptop\u0000" });
    expectError(await raw("POST", "/api/keys", { ...asAdmin(), ...key.headers }, key.body), 400, "invalid_body");
    expectError(await chat(asKey, { query: "Tell me about France", params: { note: "F\u0000R" } }), 400, "invalid_body");
    const surrogate = await raw(
      "POST",
      "/api/agents/assistant/chat",
      { ...asKey, "Content-Type": "application/json" },
      '{"query":"hi \\ud800"}',
    );
    expectError(surrogate, 400, "invalid_body");
    expect(JSON.parse(surrogate.body).error.message).toBe("query: must not contain NUL characters or unpaired surrogates.");
  });

  it("answers paths that do not decode, unknown paths and methods no route has in JSON", async () => {
    expectError(await raw("GET", "/api/agents/%FF%FE/config", asKey), 400, "invalid_path");
    expectError(await raw("GET", "/api/agents/%C0%AE%C0%AE/config", asKey), 400, "invalid_path");
    expectError(await raw("GET", "/api/agents/../config", asKey), 404, "not_found");
    expectError(await raw("POST", "/api/no/such/endpoint", asKey), 404, "not_found");
    const trace = await raw("TRACE", "/api/agents", asKey);
    expectError(trace, 405, "method_not_allowed");
    expect(trace.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expectError(await raw("PROPFIND", "/api/agents", asKey), 405, "method_not_allowed");
    const put = await raw("PUT", "/api/agents", asKey);
    expectError(put, 405, "method_not_allowed");
    expect(JSON.parse(put.body).error.message).toBe("PUT is not supported here.");
    expectError(await raw("GET", "/api", asKey), 404, "not_found");

    // The OpenAI door says the same in OpenAI's shape, which its SDKs read.
    const openAI = (answer: Answer, status: number, type: string) => {
      expectError(answer, status, JSON.parse(answer.body).error.code);
      expect(JSON.parse(answer.body).error.type).toBe(type);
    };
    openAI(await raw("GET", "/v1/chat/completions", asKey), 405, "invalid_request_error");
    openAI(await raw("TRACE", "/v1/models", asKey), 405, "invalid_request_error");
    openAI(await raw("GET", "/v1/models/%FF", asKey), 400, "invalid_request_error");
    openAI(await raw("GET", "/v1", asKey), 404, "not_found_error");
    openAI(await raw("POST", "/v1/embeddings", asKey), 404, "not_found_error");
    const health = await raw("GET", "/api/health", { "x-request-id": "probe-1" });
    expect([health.status, health.headers["x-request-id"]]).toEqual([200, "probe-1"]);
  });

  it("refuses a resume point no event can have, and ends at once after a finished run's last event", async () => {
    const started = await fetch(`${server.url}/api/agents/assistant/stream`, {
      method: "POST",
      headers: { ...asKey, "Content-Type": "application/json" },
      body: JSON.stringify({ query: "What is 2 + 2?" }),
    });
    const live = await readSse(started);
    const runId = started.headers.get("x-run-id")!;
    const last = Number(live.at(-1)!.id);
    for (const after of ["2147483648", "99999999999999999999", "-1", "abc"]) {
      expectError(await raw("GET", `/api/runs/${runId}/events?after=${after}`, asKey), 400, "invalid_body");
      expectError(await raw("GET", `/api/runs/${runId}/events`, { ...asKey, "Last-Event-ID": after }), 400, "invalid_body");
    }
    for (const after of [last, last + 5, 2147483647]) {
      const answer = await raw("GET", `/api/runs/${runId}/events`, { ...asKey, "Last-Event-ID": String(after) });
      expect([answer.status, answer.body]).toEqual([200, ": stream open\n\n"]);
    }
    const tail = await raw("GET", `/api/runs/${runId}/events`, { ...asKey, "Last-Event-ID": String(last - 2) });
    expect(tail.body.match(/^id: \d+$/gm)).toEqual([`id: ${last - 1}`, `id: ${last}`]);
    expect(server.output()).not.toMatch(/Controller is already closed|uncaught|ERR_/i);
  });
});
