/**
 * `npm run db:migrate | db:status | db:reset` against DATABASE_URL, or the embedded database
 * (started for the command) when it is unset. Stop `npm run dev` first when using the embedded one.
 */
import { migrateDatabase, runPrisma } from "../lib/db/migrate";
import { provideDatabase } from "./lib/database";
import { loadEnv } from "./lib/env";

// `migrate` is the app's own runner (the one production starts with); the rest is Prisma's CLI.
const PRISMA_COMMANDS = {
  status: ["migrate", "status"],
  reset: ["migrate", "reset", "--force", "--skip-generate", "--skip-seed"],
} as const;

const command = process.argv[2] as "migrate" | keyof typeof PRISMA_COMMANDS;
if (command !== "migrate" && !(command in PRISMA_COMMANDS)) throw new Error("usage: db.ts migrate|status|reset");

const env = await loadEnv(true);
if (command === "reset" && env.NODE_ENV === "production") {
  console.error("db:reset deletes every row; it refuses to run with NODE_ENV=production.");
  process.exit(1);
}

const database = await provideDatabase(env);
async function run(url: string) {
  if (command !== "migrate") return (await runPrisma([...PRISMA_COMMANDS[command]], url)).code;
  try {
    await migrateDatabase(url);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}
const code = await run(database.url);
await database.stop();
process.exit(code);
