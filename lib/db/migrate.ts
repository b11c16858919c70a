import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { applyMigrations } from "./migrations";

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

/** Applies pending migrations, saying which (see ./migrations.ts). */
export async function migrateDatabase(databaseUrl: string) {
  const applied = await applyMigrations(databaseUrl);
  // Imported when called, not with this module: the scripts importing it load .env files first,
  // and lib/env reads the environment once, when first imported (scripts/lib/env.ts).
  const { logger } = await import("@/lib/log");
  if (applied.length > 0) logger.info(`Applied database migrations: ${applied.join(", ")}.`);
}
