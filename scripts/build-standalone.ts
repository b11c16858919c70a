/**
 * After `next build`: completes `.next/standalone` into a folder that runs on its own (the Docker
 * image copies just this), trimmed of Prisma runtimes it never loads: static assets, agents, MCP
 * config, data, sample files, migrations, the API reference page's files, the
 * production entries (start.mjs, and worker.mjs for `RUN_EXECUTOR=pgboss` workers) and the stdio MCP servers mcp.json names, each bundled into one file
 * at the path mcp.json gives, since Next's tracing cannot know a child process's imports.
 */
import { cp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { REFERENCE_ASSETS, REFERENCE_DIR } from "../lib/openapi/reference";

const OUT = path.join(".next", "standalone");

for (const item of [path.join(".next", "static"), "public", "agents", "mcp.json", "data", "samples", path.join("prisma", "migrations")]) {
  await rm(path.join(OUT, item), { recursive: true, force: true });
  await cp(item, path.join(OUT, item), { recursive: true });
}

// Next ships Prisma's whole runtime folder (~58 MB); this app runs the PostgreSQL query compiler only.
const prismaRuntime = path.join(OUT, "node_modules", "@prisma", "client", "runtime");
for (const file of await readdir(prismaRuntime)) {
  if (/^query_engine|\.(cockroachdb|mysql|sqlserver|sqlite)\./.test(file)) await rm(path.join(prismaRuntime, file));
}

const bundle = { bundle: true, platform: "node", format: "esm", target: "node22", logLevel: "warning", legalComments: "none" } as const;
// ESM bundles of CommonJS dependencies need a require of their own.
const requireShim = {
  js: `import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);`,
};

await build({ ...bundle, entryPoints: ["scripts/start-prod.ts"], outfile: path.join(OUT, "start.mjs"), packages: "external" });
// The worker runs lib/ outside Next, as the server side it is (`server-only` lets it through there),
// bundled whole but for what loads files of its own at run time, which the standalone folder has:
// Prisma's query compiler (WebAssembly) and pino's worker thread.
await build({
  ...bundle,
  entryPoints: ["scripts/worker.ts"],
  outfile: path.join(OUT, "worker.mjs"),
  external: ["@prisma/client", "@prisma/client/*", "pino", "pino/*", "pg-native"],
  conditions: ["react-server"],
  alias: { "server-only": "./scripts/lib/server-side.ts" },
  banner: {
    js: `${requireShim.js} import { fileURLToPath as __toPath } from "node:url"; const __filename = __toPath(import.meta.url); const __dirname = __toPath(new URL(".", import.meta.url));`,
  },
});

const { mcpServers } = JSON.parse(await readFile("mcp.json", "utf8")) as {
  mcpServers: Record<string, { command?: string; args?: string[] }>;
};
for (const [name, server] of Object.entries(mcpServers)) {
  const entry = server.command === "node" ? server.args?.[0] : undefined;
  if (!entry?.startsWith("node_modules/")) continue;
  await build({ ...bundle, entryPoints: [entry], outfile: path.join(OUT, entry), banner: requireShim });
  console.log(`standalone: bundled MCP server "${name}" (${entry})`);
}
// The API reference page reads its files at run time, which Next's tracing cannot see.
for (const name of Object.keys(REFERENCE_ASSETS)) await cp(path.join(REFERENCE_DIR, name), path.join(OUT, REFERENCE_DIR, name));

console.log(`standalone: ${OUT} is ready (node ${OUT}/start.mjs)`);
