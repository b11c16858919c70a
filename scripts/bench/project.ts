/**
 * The `project` target: the production build (`.next/standalone/start.mjs`) with one agent, `bench`
 * (no tools, one phase: every request creates a session and a run, and stores each event), a
 * service key and the rate limit lifted — as the shared harness serves it.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../test/support/ports";
import type { Target } from "./load";
import { startServer } from "./processes";

export const START = path.resolve(".next/standalone/start.mjs");
const SERVICE_KEY = "bench-service-key-0123456789abcdef";
const AGENT = {
  name: "bench",
  description: "Relays the model's stream: no tools, one phase.",
  model: "openai:stub",
  system_prompt: "Answer.",
  tools: [],
  memory: { max_messages: 4, ttl_minutes: 60 },
  max_iterations: 1,
  timeout_s: 300,
};

/** When the build was made (it may predate the working tree); fails without one. */
export function builtAt() {
  if (!existsSync(START)) throw new Error(`${START} is missing: run \`npm run build\` first.`);
  return statSync(START).mtime;
}

/** The agents folder and MCP config the project reads, in `dir`. */
export async function writeProjectConfig(dir: string) {
  await mkdir(path.join(dir, "agents"), { recursive: true });
  await writeFile(path.join(dir, "agents", "bench.json"), JSON.stringify(AGENT, null, 2));
  await writeFile(path.join(dir, "mcp.json"), JSON.stringify({ mcpServers: {} }));
}

/**
 * Serves the build from `dir` (see writeProjectConfig): there, start.mjs finds no developer's .env
 * files to load (the harness's fresh clone has none either). The server chdirs to its own folder.
 */
export async function startProject(options: {
  name: string;
  dir: string;
  stubUrl: string;
  databaseUrl: string;
  env?: Record<string, string>;
}) {
  const port = await freePort();
  return startServer({
    name: options.name,
    args: [START],
    url: `http://127.0.0.1:${port}`,
    health: "/api/health",
    logDir: options.dir,
    cwd: options.dir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: "bench-secret-that-is-at-least-32-characters-long",
      API_KEYS: SERVICE_KEY,
      OPENAI_API_KEY: "stub",
      OPENAI_BASE_URL: `${options.stubUrl}/v1`,
      AGENTS_DIR: path.join(options.dir, "agents"),
      MCP_CONFIG: path.join(options.dir, "mcp.json"),
      RATE_LIMIT_CHAT_PER_MIN: "1000000",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
  });
}

export const projectTarget = (server: { url: string; pid: number }): Target => ({
  label: "project",
  mode: "sse",
  url: `${server.url}/api/agents/bench/stream`,
  body: JSON.stringify({ query: "Say something." }),
  headers: { "x-api-key": SERVICE_KEY },
  pid: server.pid,
});

/** What the load left in the database: one run per request, every event stored. */
export async function databaseCounts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string) => (await client.query<{ n: string }>(`SELECT count(*) AS n ${sql}`)).rows[0]!.n;
    const runs = await count(`FROM "Run"`);
    const events = await count(`FROM "RunEvent"`);
    const failed = await count(`FROM "Run" WHERE status <> 'SUCCEEDED'`);
    return `${runs} runs, ${events} events, ${failed} not succeeded`;
  } finally {
    await client.end();
  }
}
