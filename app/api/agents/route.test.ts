import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// AGENTS_DIR is read when lib/env loads: a folder with one good agent and one broken file, stubbed
// before the route's modules are (and no mcp.json there: no MCP servers).
const agentsDir = await mkdtemp(path.join(os.tmpdir(), "agents-route-"));
await cp("agents/assistant.json", path.join(agentsDir, "assistant.json"));
const broken = { ...JSON.parse(await readFile("agents/assistant.json", "utf8")), name: "broken", max_iterations: "many" };
await writeFile(path.join(agentsDir, "broken.json"), JSON.stringify(broken));
vi.stubEnv("AGENTS_DIR", agentsDir);
vi.stubEnv("MCP_CONFIG", path.join(agentsDir, "mcp.json"));
const { GET } = await import("./route");
const { db } = await import("@/lib/db/client");
const { createApiKey } = await import("@/lib/auth/api-keys");
const { openApiDocument } = await import("@/lib/openapi/document");

let adminKey: string;
let userKey: string;
beforeAll(async () => {
  const stamp = Date.now();
  const admin = await db.user.create({ data: { email: `agents-admin-${stamp}@example.com`, role: "ADMIN" } });
  const user = await db.user.create({ data: { email: `agents-user-${stamp}@example.com` } });
  adminKey = (await createApiKey(admin.id, "agents")).key;
  userKey = (await createApiKey(user.id, "agents")).key;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
  await rm(agentsDir, { recursive: true, force: true });
});

async function agents(key: string) {
  const response = await GET(new Request("http://localhost/api/agents", { headers: { "X-API-Key": key } }), {
    params: Promise.resolve({}),
  });
  expect(response.status).toBe(200);
  return response.json();
}

type Document = {
  paths: Record<string, Record<string, { responses: Record<number, { content: Record<string, { schema: { $ref: string } }> }> }>>;
  components: object;
};

/** The OpenAPI document's schema for an answer, as a validator. */
function documented(method: string, route: string, status: number) {
  const document = openApiDocument() as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "https://agent-studio.test/openapi.json", components: document.components });
  const { $ref } = document.paths[route]![method]!.responses[status]!.content["application/json"]!.schema;
  return ajv.compile({ $ref: `https://agent-studio.test/openapi.json${$ref}` });
}

describe("GET /api/agents", () => {
  it("answers an admin with the agents and the files that failed to load, as the OpenAPI document says", async () => {
    const body = await agents(adminKey);
    expect(body.agents.map((agent: { name: string }) => agent.name)).toEqual(["assistant"]);
    expect(body.errors).toEqual([{ file: path.join(agentsDir, "broken.json"), message: expect.stringContaining("max_iterations: ") }]);
    const validate = documented("get", "/api/agents", 200);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  });

  it("leaves the load errors out for other users", async () => {
    const body = await agents(userKey);
    expect(body.agents.map((agent: { name: string }) => agent.name)).toEqual(["assistant"]);
    expect(body).not.toHaveProperty("errors");
  });
});
