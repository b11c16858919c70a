/**
 * `npm run dev` / `npm start`: provides the database (embedded PGlite when DATABASE_URL is unset),
 * applies pending migrations, then runs `next dev` with any extra arguments, or the production build
 * exactly as `npm run start:prod` and the Docker image do (`-p` / `-H` set its port and host).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { migrateDatabase } from "../lib/db/migrate";
import { localAuthSecret } from "./lib/auth-secret";
import { listenEnv } from "./lib/listen-args";
import { provideDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") throw new Error("usage: serve.ts dev|start [next options]");

// Read before anything starts, so a mistyped flag is one clear line.
let listen = {};
try {
  if (mode === "start") listen = listenEnv(nextArgs, process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const env = await loadEnv(mode === "dev");
const database = await provideDatabase(env);
process.env.DATABASE_URL = database.url;
if (!env.AUTH_SECRET && (mode === "dev" || database.embedded)) {
  process.env.AUTH_SECRET = await localAuthSecret(env.PGLITE_DATA_DIR);
}

// The production entry migrates by itself (and stops on a failed migration); dev migrates here.
if (mode === "dev") {
  try {
    await migrateDatabase(database.url);
  } catch (error) {
    console.error((error as Error).message);
    await database.stop();
    process.exit(1);
  }
}

const next =
  mode === "dev"
    ? spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "dev", ...nextArgs], { stdio: "inherit" })
    : spawn(process.execPath, [".next/standalone/start.mjs"], { stdio: "inherit", env: { ...process.env, ...listen } });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on("exit", async (code, signal) => {
  await database.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
