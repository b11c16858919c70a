/**
 * `npm run start:prod`, and the Docker image's command: what production runs. Loads .env files from
 * the working directory, validates the environment, applies pending migrations — a failing one stops
 * here with one log line, never serving a half-migrated database — then serves the standalone build,
 * leaving SIGTERM to the app's graceful shutdown. Bundled by scripts/build-standalone.ts into
 * .next/standalone/start.mjs, next to the files it serves.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import nextEnv from "@next/env";
import { applyMigrations } from "../lib/db/migrations";
import { parseEnv, type Env } from "../lib/env";
import { trustedProxies } from "../lib/http/client-address";
import { installFrontDoor } from "../lib/http/front-door";

const here = path.dirname(fileURLToPath(import.meta.url));

// V8's memory reducer compacts the heap whenever allocation slows down: between the tokens of a
// few streams it ran full collections over and over, ~20% of the CPU at one stream (measured with
// the bench). A server keeps its heap instead; memory still returns to the pool after each collection.
v8.setFlagsFromString("--no-memory-reducer");

function fail(message: string): never {
  console.error(`agent-studio: ${message}`);
  process.exit(1);
}

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
// The standalone server runs as production whatever the shell says; so is the environment checked.
Object.assign(process.env, { NODE_ENV: "production" });
let env: Env;
try {
  env = parseEnv();
} catch (error) {
  fail((error as Error).message);
}
const databaseUrl = env.DATABASE_URL;
if (!databaseUrl) fail("DATABASE_URL is required (the embedded database is for `npm run dev` and `npm start`).");

try {
  const applied = await applyMigrations(databaseUrl, path.join(here, "prisma", "migrations"));
  console.log(
    applied.length ? `agent-studio: applied database migrations: ${applied.join(", ")}` : "agent-studio: database schema is up to date",
  );
} catch (error) {
  fail(`${(error as Error).message}; not starting.`);
}

// Before Next makes its server, so every request passes the front door (client address, request id,
// JSON errors for what Next cannot route).
installFrontDoor(trustedProxies(env.TRUSTED_PROXIES));
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
await import(path.join(here, "server.js"));
