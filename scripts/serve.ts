/**
 * `npm run dev` / `npm start`: provides the database (embedded PGlite when DATABASE_URL is unset),
 * applies pending migrations, then runs `next dev` / `next start` with any extra arguments.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { migrateDatabase } from "../lib/db/migrate";
import { localAuthSecret } from "./lib/auth-secret";
import { provideDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") throw new Error("usage: serve.ts dev|start [next options]");

const env = await loadEnv(mode === "dev");
const database = await provideDatabase(env);
process.env.DATABASE_URL = database.url;
if (!env.AUTH_SECRET && (mode === "dev" || database.embedded)) {
  process.env.AUTH_SECRET = await localAuthSecret(env.PGLITE_DATA_DIR);
}

try {
  await migrateDatabase(database.url);
} catch (error) {
  console.error((error as Error).message);
  await database.stop();
  process.exit(1);
}

const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextCli, mode, ...nextArgs], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on("exit", async (code, signal) => {
  await database.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
