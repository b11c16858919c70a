/**
 * `npm run bench:api`: the streaming benchmark, with the figures and tables of the company's shared
 * harness (../shared/bench) in one run on one machine. Targets, each its own process on 127.0.0.1:
 * - `direct`: the paced OpenAI-compatible stub itself, the limit;
 * - `baseline`: the bare AI SDK route streaming from it (no auth, no storage), the peer;
 * - `project`: the production build relaying it (auth, session, run, every event stored).
 * Each is loaded with C clients sending 3 × C requests (at least 10) after a warm-up, at each C;
 * then the idle case: the project's RSS per open stream that carries nothing yet.
 * Needs `npm run build`. Uses a fresh database on DATABASE_URL's server, else the embedded one.
 *
 * Env (defaults): BENCH_CONCURRENCY ("1 50 200"), BENCH_TOKENS (200), BENCH_INTERVAL_MS (20),
 * BENCH_IDLE_STREAMS (1000; 0 skips it), BENCH_TARGETS ("direct baseline project").
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { migrateDatabase } from "../lib/db/migrate";
import { createDatabase, type TestDatabase } from "../test/support/databases";
import { freePort } from "../test/support/ports";
import { idleCase } from "./bench/idle";
import { load, type LoadResult, type Target } from "./bench/load";
import { compiled, startServer, stopAll } from "./bench/processes";
import { builtAt, databaseCounts, projectTarget, START, startProject, writeProjectConfig } from "./bench/project";
import { printTables } from "./bench/table";

function setting(name: string, fallback: string, valid: (word: string) => boolean) {
  const words = (process.env[name] || fallback).trim().split(/\s+/);
  const bad = words.find((word) => !valid(word));
  if (bad !== undefined) throw new Error(`${name}: "${bad}" is not valid`);
  return words;
}
const count = (word: string) => /^\d+$/.test(word);
const TARGETS = setting("BENCH_TARGETS", "direct baseline project", (word) => ["direct", "baseline", "project"].includes(word));
const CONCURRENCY = setting("BENCH_CONCURRENCY", "1 50 200", (word) => count(word) && Number(word) > 0).map(Number);
const number = (name: string, fallback: string) => Number(setting(name, fallback, count)[0]);
const TOKENS = number("BENCH_TOKENS", "200");
const INTERVAL_MS = number("BENCH_INTERVAL_MS", "20");
const IDLE_STREAMS = number("BENCH_IDLE_STREAMS", "1000");
const IDLE_TTFT_MS = 600_000; // the idle stub's first token: well after the measurement

const dir = await mkdtemp(path.join(os.tmpdir(), "agent-studio-bench-"));
let database: TestDatabase | undefined;
let failures = false; // failed requests keep the servers' logs for a look

/** One of the bench's own servers, `scripts/bench/<file>`, on a free port. */
async function startScript(name: string, file: string, args: string[]) {
  const port = await freePort();
  const script = await compiled(path.join(import.meta.dirname, "bench", file));
  return startServer({
    name,
    args: [script, "--port", String(port), ...args],
    url: `http://127.0.0.1:${port}`,
    health: "/health",
    logDir: dir,
  });
}

const startStub = (name: string, ttftMs = 0) =>
  startScript(name, "paced-stub.ts", ["--tokens", String(TOKENS), "--interval-ms", String(INTERVAL_MS), "--ttft-ms", String(ttftMs)]);

async function main() {
  console.log(`# agent-studio bench ${new Date().toISOString()}: ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log(`# stub: ${TOKENS} tokens at ${INTERVAL_MS} ms/token; targets: ${TARGETS.join(", ")}; C: ${CONCURRENCY.join(", ")}`);
  if (TARGETS.includes("project")) {
    console.log(
      `# project: ${START}, built ${builtAt().toISOString()}; database: ` +
        (process.env.DATABASE_URL
          ? "PostgreSQL, a fresh database"
          : "embedded PGlite, served by this process (its work counts as client CPU; set DATABASE_URL for the harness's figures)"),
    );
  }
  const stub = await startStub("stub");
  const targets: Target[] = [];
  if (TARGETS.includes("direct")) {
    const body = {
      model: "stub",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "Say something." }],
    };
    targets.push({ label: "direct", mode: "openai", url: `${stub.url}/v1/chat/completions`, body: JSON.stringify(body), pid: stub.pid });
  }
  if (TARGETS.includes("baseline")) {
    const baseline = await startScript("baseline", "bare-route.ts", ["--upstream", `${stub.url}/v1`]);
    targets.push({
      label: "baseline",
      mode: "uistream",
      url: baseline.url,
      body: JSON.stringify({ prompt: "Say something." }),
      pid: baseline.pid,
    });
  }
  const project = TARGETS.includes("project") ? await startProjectOnFreshDatabase(stub.url) : undefined;
  if (project) targets.push(projectTarget(project));
  // Loaded in BENCH_TARGETS order, as the shared harness does.
  targets.sort((a, b) => TARGETS.indexOf(a.label) - TARGETS.indexOf(b.label));

  for (const target of targets) {
    const warmUp = await load(target, 20, 40); // JIT, pools, first compiles; not recorded
    if (warmUp.errors === warmUp.requests)
      throw new Error(`${target.label}: every warm-up request failed: ${warmUp.errorSamples.join("; ")}`);
  }
  const results: LoadResult[] = [];
  for (const concurrency of CONCURRENCY) {
    for (const target of targets) {
      results.push(await load(target, concurrency, Math.max(10, 3 * concurrency)));
      await sleep(1_000);
    }
  }
  if (project) {
    await project.stop(); // before counting: the embedded database serves one connection at a time
    console.log(`# project database after the run: ${await databaseCounts(database!.url)}`);
  }
  console.log();
  printTables(results);
  failures = results.some((result) => result.errors > 0);

  if (project && IDLE_STREAMS > 0) {
    const idleStub = await startStub("idle-stub", IDLE_TTFT_MS);
    // A fresh server; its runs wait for a first token that never comes, so its shutdown need not wait for them.
    const idle = await startProject({
      name: "project-idle",
      dir,
      stubUrl: idleStub.url,
      databaseUrl: database!.url,
      env: { SHUTDOWN_GRACE_S: "1" },
    });
    const { line, failed } = await idleCase(projectTarget(idle), IDLE_STREAMS);
    console.log(`\n${line}`);
    failures ||= failed > 0;
  }
}

async function startProjectOnFreshDatabase(stubUrl: string) {
  database = await createDatabase(process.env.DATABASE_URL || undefined, "bench");
  await migrateDatabase(database.url);
  await writeProjectConfig(dir);
  return startProject({ name: "project", dir, stubUrl, databaseUrl: database.url });
}

let cleaning: Promise<void> | undefined;
/** Stops every server, drops the database, removes the work folder (kept, with the logs, after a failure). */
function cleanUp() {
  cleaning ??= (async () => {
    await stopAll();
    await database?.drop();
    if (failures && (await readdir(dir)).some((file) => file.endsWith(".log"))) console.error(`servers' logs: ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failures = true;
  process.exitCode = 1;
} finally {
  await cleanUp();
}
