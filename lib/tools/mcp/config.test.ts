import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMcpConfig, publicServerInfo, substituteVariables } from "./config";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "agent-studio-mcp-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, content: unknown) {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return { file, ...(await loadMcpConfig(file)) };
}

describe("loadMcpConfig", () => {
  it("loads stdio and http servers, keeping ${VAR} references as written", async () => {
    const { servers, errors } = await load("good.json", {
      mcpServers: {
        everything: { command: "node", args: ["server.js", "stdio"], env: { TOKEN: "${MY_TOKEN}" }, cwd: "tools" },
        remote_1: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${API_KEY}" } },
      },
    });
    expect(errors).toEqual([]);
    expect(servers).toEqual({
      everything: { command: "node", args: ["server.js", "stdio"], env: { TOKEN: "${MY_TOKEN}" }, cwd: "tools" },
      remote_1: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${API_KEY}" } },
    });
  });

  it("treats a missing file as no servers", async () => {
    expect(await loadMcpConfig(path.join(dir, "absent.json"))).toEqual({ servers: {}, errors: [] });
  });

  it("reports invalid JSON, naming the file", async () => {
    const { file, servers, errors } = await load("broken.json", '{ "mcpServers": { ');
    expect(servers).toEqual({});
    expect(errors).toEqual([{ file, message: expect.stringMatching(/^invalid JSON: /) }]);
  });

  it("reports a file without mcpServers", async () => {
    const { file, errors } = await load("empty.json", { servers: {} });
    expect(errors).toEqual([{ file, message: "mcpServers: Invalid input: expected record, received undefined" }]);
  });

  it("loads the good entries and names the field of each bad one", async () => {
    const { file, servers, errors } = await load("mixed.json", {
      mcpServers: {
        good: { command: "node" },
        everything: { command: 42 },
        "Bad Name": { command: "node" },
        ftp: { url: "ftp://files.example.com" },
        envs: { command: "node", env: { PORT: 8080 } },
        remote: { url: "http://localhost:3001/mcp" },
      },
    });
    expect(servers).toEqual({ good: { command: "node" }, remote: { url: "http://localhost:3001/mcp" } });
    expect(errors).toEqual([
      { file, message: "mcpServers.everything.command: Invalid input: expected string, received number" },
      { file, message: "mcpServers.Bad Name: server names must match ^[a-z0-9][a-z0-9_-]*$" },
      { file, message: "mcpServers.ftp.url: must be an http(s):// URL" },
      { file, message: "mcpServers.envs.env.PORT: Invalid input: expected string, received number" },
    ]);
  });
});

describe("substituteVariables", () => {
  it("replaces each ${VAR} from the environment given", () => {
    const source = { TOKEN: "abc123", HOST: "example.com" };
    expect(
      substituteVariables({ Authorization: "Bearer ${TOKEN}", Url: "https://${HOST}/${TOKEN}", Plain: "$TOKEN" }, "headers", source),
    ).toEqual({
      Authorization: "Bearer abc123",
      Url: "https://example.com/abc123",
      Plain: "$TOKEN",
    });
    expect(substituteVariables(undefined, "env", source)).toEqual({});
  });

  it("names a missing (or empty) variable and where it is used", () => {
    expect(() => substituteVariables({ API_KEY: "${MISSING_KEY}" }, "env", {})).toThrow(
      "environment variable MISSING_KEY (used in env.API_KEY) is not set",
    );
    expect(() => substituteVariables({ Authorization: "Bearer ${EMPTY}" }, "headers", { EMPTY: "" })).toThrow(
      "environment variable EMPTY (used in headers.Authorization) is not set",
    );
  });
});

describe("publicServerInfo", () => {
  it("shows the transport and the URL's host, never commands, env, headers or credentials", () => {
    const stdio = publicServerInfo("local", { command: "secret-tool", args: ["--key", "k-123"], env: { TOKEN: "t-456" }, cwd: "/srv" });
    const http = publicServerInfo("remote", {
      url: "https://user:p4ss@mcp.example.com:8443/mcp?key=q-789",
      headers: { Authorization: "Bearer h-000" },
    });
    expect(stdio).toEqual({ name: "local", transport: "stdio" });
    expect(http).toEqual({ name: "remote", transport: "http", host: "mcp.example.com:8443" });
    expect(JSON.stringify([stdio, http])).not.toMatch(/secret-tool|k-123|t-456|srv|p4ss|user|q-789|h-000/);
  });
});
