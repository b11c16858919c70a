import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect, test } from "./fixtures";
import { parseSse } from "./helpers";
import { members } from "./users";

// What programs read about the API, checked against what it does: the OpenAPI document against
// real answers, the reference page in a browser, and the README's and docs/CLIENTS.md's examples
// for the OpenAI and MCP doors, run as written.
test.describe.configure({ mode: "serial" });

const { grace } = members;
let key = "";

test.beforeAll(async ({ newContext }) => {
  const { request } = await newContext({ as: grace });
  key = (await (await request.post("/api/keys", { data: { name: "clients e2e" } })).json()).key;
});

type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };

/** Checks a real answer against the schema the document gives for it. */
function checker(document: Document & { components: object }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "https://agent-studio.test/openapi.json", components: document.components });
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const check = (schema: object, value: unknown, what: string) => {
    const key = JSON.stringify(schema);
    const validate = compiled.get(key) ?? ajv.compile(absolute(schema));
    compiled.set(key, validate);
    expect(validate(value) ? [] : validate.errors, what).toEqual([]);
  };
  return {
    answer(method: string, route: string, status: number, body: unknown) {
      const content = document.paths[route]?.[method]?.responses[status]?.content?.["application/json"];
      expect(content, `${method} ${route} ${status} is documented`).toBeDefined();
      check(content!.schema, body, `${method} ${route} ${status}`);
    },
    component(name: string, value: unknown) {
      check({ $ref: `#/components/schemas/${name}` }, value, name);
    },
  };
}

// The document's refs are relative to itself.
const absolute = (schema: object): object =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"https://agent-studio.test/openapi.json#/components/'));

test("the OpenAPI document describes what the API really answers", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document).toMatchObject({ openapi: "3.1.0", info: { title: "Agent Studio API" } });
  const conforms = checker(document);
  const auth = { Authorization: `Bearer ${key}` };
  const get = async (url: string) => (await request.get(url, { headers: auth })).json();

  conforms.answer("get", "/api/health", 200, await get("/api/health"));
  conforms.answer("get", "/api/agents", 200, await get("/api/agents"));
  conforms.answer("get", "/api/agents/{name}/config", 200, await get("/api/agents/country-analyst/config"));
  const chat = await (
    await request.post("/api/agents/country-analyst/chat", { headers: auth, data: { query: "Tell me about Argentina" } })
  ).json();
  conforms.answer("post", "/api/agents/{name}/chat", 200, chat);
  conforms.answer("get", "/api/agents/{name}/sessions", 200, await get("/api/agents/country-analyst/sessions?limit=5"));
  conforms.answer("get", "/api/agents/{name}/sessions/{id}", 200, await get(`/api/agents/country-analyst/sessions/${chat.session_id}`));
  const renamed = await request.patch(`/api/agents/country-analyst/sessions/${chat.session_id}`, {
    headers: auth,
    data: { title: "Argentina" },
  });
  conforms.answer("patch", "/api/agents/{name}/sessions/{id}", 200, await renamed.json());
  const rated = await request.post(`/api/runs/${chat.run_id}/feedback`, { headers: auth, data: { rating: "up" } });
  conforms.answer("post", "/api/runs/{id}/feedback", 200, await rated.json());
  const cancelled = await request.post(`/api/runs/${chat.run_id}/cancel`, { headers: auth });
  conforms.answer("post", "/api/runs/{id}/cancel", cancelled.status(), await cancelled.json());
  conforms.answer("get", "/api/keys", 200, await get("/api/keys"));
  conforms.answer("get", "/v1/models", 200, await get("/v1/models"));
  // The demo's country data has no Chile: the run fails, and says where it is stored.
  const failed = await request.post("/api/agents/country-analyst/chat", { headers: auth, data: { query: "Tell me about Chile" } });
  expect(failed.status()).toBe(502);
  conforms.answer("post", "/api/agents/{name}/chat", 502, await failed.json());
  const missing = await request.get("/api/agents/nope/config", { headers: auth });
  conforms.answer("get", "/api/agents/{name}/config", 404, await missing.json());
  const refused = await request.post("/v1/chat/completions", { headers: auth, data: { model: "assistant", messages: [] } });
  conforms.answer("post", "/v1/chat/completions", 400, await refused.json());

  const streamed = await request.post("/api/agents/country-analyst/stream", { headers: auth, data: { query: "Tell me about Brazil" } });
  const events = parseSse(await streamed.text());
  expect(events.length).toBeGreaterThan(10);
  for (const { id, event, data } of events) conforms.component("RunEvent", { type: event, seq: id, ...data });

  const completion = await request.post("/v1/chat/completions", {
    headers: auth,
    data: { model: "country-analyst", messages: [{ role: "user", content: "Tell me about Brazil" }] },
  });
  conforms.answer("post", "/v1/chat/completions", 200, await completion.json());
  const chunked = await request.post("/v1/chat/completions", {
    headers: auth,
    data: {
      model: "country-analyst",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Tell me about Brazil" }],
    },
  });
  const lines = (await chunked.text()).split("\n").filter((line) => line.startsWith("data: "));
  expect(lines.at(-1)).toBe("data: [DONE]");
  for (const line of lines.slice(0, -1)) conforms.component("ChatCompletionChunk", JSON.parse(line.slice(6)));
});

test("the API reference page renders the document in a browser, linked from Settings → API keys", async ({ newContext }) => {
  const page = await (await newContext({ as: grace })).newPage();
  await page.goto("/settings");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/reference$/);
  await expect(page.getByRole("heading", { name: /Agent Studio API/ })).toBeVisible();
  await expect(page.getByText("/v1/chat/completions").first()).toBeVisible();
  await expect(page.getByText("/api/agents/{name}/stream").first()).toBeVisible();
});

/** The fenced blocks of `language` in a Markdown text. */
const blocks = (markdown: string, language: string) =>
  [...markdown.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);

async function runModule(source: string, name: string, base: string) {
  const dir = path.join("test-results", "examples");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.mjs`);
  await writeFile(file, source);
  const { stdout } = await promisify(execFile)(process.execPath, [file], {
    env: { ...process.env, FORCE_COLOR: "0", BASE: base, KEY: key },
    timeout: 60_000,
  });
  return stdout;
}

/** A desktop client's `mcpServers` entry, used the way such a client uses it: its URL and headers. */
async function connectAs(entry: string, base: string) {
  const { url, headers } = JSON.parse(entry.replaceAll("http://localhost:3000", base).replaceAll("as_your_key_here", key)).mcpServers[
    "agent-studio"
  ];
  const client = new Client({ name: "desktop-client", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((tool) => tool.name).sort();
}

test("docs/CLIENTS.md's examples work as written", async ({ baseURL }) => {
  const doc = await readFile("docs/CLIENTS.md", "utf8");
  const shell = blocks(doc, "sh").filter((block) => !block.includes("export BASE="));
  const [whole, streamed] = await Promise.all(
    shell.map(
      async (block) =>
        (await promisify(execFile)("bash", ["-c", `set -euo pipefail\n${block}`], { env: { ...process.env, BASE: baseURL!, KEY: key } }))
          .stdout,
    ),
  );
  expect(shell).toHaveLength(2);
  expect(JSON.parse(whole!)).toMatchObject({
    object: "chat.completion",
    choices: [{ message: { content: expect.stringContaining("84") } }],
  });
  expect(streamed!.trim().split("\n").at(-1)).toBe("data: [DONE]");

  const [openai, aiSdk, mcp] = blocks(doc, "js");
  const report = (await runModule(openai!, "clients-openai", baseURL!)).split("\n");
  expect(JSON.parse(report[0]!)).toMatchObject({ country: "Portugal" });
  expect(report[1]).toBe("Lisbon");
  expect(await runModule(aiSdk!, "clients-ai-sdk", baseURL!)).toContain("84");
  const mcpOut = await runModule(mcp!, "clients-mcp", baseURL!);
  expect(mcpOut).toContain("'country-analyst'");
  expect(mcpOut).toMatch(/^2\/2 Writing the report: done \(2\/2\)$/m);
  expect(mcpOut).toContain("capital: 'Tokyo'");

  expect(await connectAs(blocks(doc, "json")[0]!, baseURL!)).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
});

test("the README's OpenAI and MCP examples work as written", async ({ baseURL }) => {
  const readme = await readFile("README.md", "utf8");
  const section = readme.slice(
    readme.indexOf("### OpenAI and MCP clients"),
    readme.indexOf("\n## ", readme.indexOf("### OpenAI and MCP clients")),
  );
  const [openai] = blocks(section, "js");
  expect(await runModule(openai!, "readme-openai", baseURL!)).toContain("84");
  expect(await connectAs(blocks(section, "json")[0]!, baseURL!)).toEqual(["assistant", "country-analyst", "mcp-explorer"]);
});
