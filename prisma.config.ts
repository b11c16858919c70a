import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapterFactory } from "./lib/db/adapter";

// Prisma's CLI does not load .env when a config file exists; scripts/db.ts and scripts/serve.ts
// set DATABASE_URL (including the embedded database's) before calling the CLI.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run this through `npm run db:*`.");
    return createAdapterFactory(url);
  },
});
