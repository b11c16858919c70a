/**
 * `npm test`: `npm run lint`, `next build`, then Vitest (unit + integration, including the launcher on the build) and
 * Playwright against `next start`, each on a fresh, migrated database: a new database on the Postgres server in DATABASE_URL when it
 * is set (CI), an in-memory embedded one otherwise. Ends with one line: `N passed, N failed[, N skipped]`.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { migrateDatabase } from "../lib/db/migrate";
import { createDatabase } from "../test/support/databases";

type Counts = { passed: number; failed: number; skipped: number };

const require = createRequire(import.meta.url);
const REPORTS = "test-results";
const serverUrl = process.env.DATABASE_URL || undefined;

/** A package's CLI on this Node (24, from the `node` devDependency). */
function cli(pkg: string, bin: string) {
  return [process.execPath, path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin)];
}

function run([command, ...args]: string[], env: Record<string, string> = {}) {
  return new Promise<number>((resolve) => {
    const child = spawn(command!, args, {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function onFreshDatabase(label: string, runOn: (url: string) => Promise<number>) {
  const database = await createDatabase(serverUrl, label);
  try {
    await migrateDatabase(database.url);
    return await runOn(database.url);
  } finally {
    await database.drop();
  }
}

async function readJson(file: string) {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A runner that exits non-zero without a report (crash, bad config) counts as one failure. */
function counted(name: string, code: number, counts: Counts | undefined): Counts {
  if (counts && (code === 0 || counts.failed > 0)) return counts;
  console.error(`${name} exited with ${code} without reporting a failed test.`);
  return { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1, skipped: counts?.skipped ?? 0 };
}

async function vitest(): Promise<Counts> {
  const file = `${REPORTS}/vitest.json`;
  const code = await onFreshDatabase("unit", (url) =>
    run([...cli("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], {
      DATABASE_URL: url,
      TEST_POSTGRES_URL: serverUrl ?? "",
    }),
  );
  const report = await readJson(file);
  return counted(
    "Vitest",
    code,
    report && {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    },
  );
}

const NONE: Counts = { passed: 0, failed: 0, skipped: 0 };

/** `npm run lint` (ESLint, formatting, the import layers): one check that passes or fails. */
async function lint(): Promise<Counts> {
  const code = await run(["npm", "run", "lint"]);
  return code === 0 ? { ...NONE, passed: 1 } : { ...NONE, failed: 1 };
}

/** A failed build counts as one failure, and the end-to-end tests (which need it) do not run. */
async function build(): Promise<Counts> {
  const code = await run(["npm", "run", "build"], { DATABASE_URL: "" });
  return code === 0 ? NONE : counted("next build", code, undefined);
}

async function playwright(): Promise<Counts> {
  const file = `${REPORTS}/playwright.json`; // where playwright.config.ts writes it
  const code = await onFreshDatabase("e2e", (url) => run([...cli("@playwright/test", "cli.js"), "test"], { E2E_DATABASE_URL: url }));
  const stats = (await readJson(file))?.stats;
  return counted(
    "Playwright",
    code,
    stats && {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
    },
  );
}

await rm(REPORTS, { recursive: true, force: true });
await mkdir(REPORTS, { recursive: true });
const linted = await lint();
const built = await build();
const results = [linted, built, await vitest(), built.failed ? NONE : await playwright()];
const total = results.reduce((sum, r) => ({
  passed: sum.passed + r.passed,
  failed: sum.failed + r.failed,
  skipped: sum.skipped + r.skipped,
}));
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
