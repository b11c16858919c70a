import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

type PrismaRun = { code: number; output: string };

/**
 * Runs Prisma's CLI (JS engine, see prisma.config.ts) against `databaseUrl`. `capture` collects its
 * output instead of printing it. Async on purpose: the embedded database may be served from this process.
 */
export function runPrisma(args: string[], databaseUrl: string, options: { capture?: boolean } = {}) {
  return new Promise<PrismaRun>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", options.capture ? "pipe" : "inherit", options.capture ? "pipe" : "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Applies pending migrations. `migrate status` answers in about a second while `migrate deploy`
 * always lingers ~10 s on a timer in the wasm engine, so deploy runs only when something is pending.
 */
export async function migrateDatabase(databaseUrl: string) {
  if ((await runPrisma(["migrate", "status"], databaseUrl, { capture: true })).code === 0) return;
  const deploy = await runPrisma(["migrate", "deploy"], databaseUrl, { capture: true });
  if (deploy.code !== 0) {
    throw new Error(`Database migration failed (prisma migrate deploy exited with ${deploy.code}):\n${deploy.output}`);
  }
  console.log("Applied pending database migrations.");
}
