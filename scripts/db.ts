/**
 * `npm run db:migrate | db:status | db:reset` against DATABASE_URL, or the embedded database
 * (started for the command) when it is unset. Stop `npm run dev` first when using the embedded one.
 */
import { runPrisma } from "../lib/db/migrate";
import { provideDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

const COMMANDS = {
  migrate: ["migrate", "deploy"],
  status: ["migrate", "status"],
  reset: ["migrate", "reset", "--force", "--skip-generate", "--skip-seed"],
} as const;

const command = process.argv[2] as keyof typeof COMMANDS;
if (!(command in COMMANDS)) throw new Error(`usage: db.ts ${Object.keys(COMMANDS).join("|")}`);

const env = await loadEnv(true);
if (command === "reset" && env.NODE_ENV === "production") {
  console.error("db:reset deletes every row; it refuses to run with NODE_ENV=production.");
  process.exit(1);
}

const database = await provideDatabase(env);
const { code } = await runPrisma([...COMMANDS[command]], database.url);
await database.stop();
process.exit(code);
