/**
 * The layers of docs/ARCHITECTURE.md §2, held by `npm run lint`:
 *   app → lib/openapi → lib/{chat,admin,openai,mcp-server,health} → lib/run-doors → lib/auth → lib/http
 *       → lib/runs → lib/agent → lib/{llm,tools}
 * and everything may use lib/{db,env,log,redis,observability}, which use none of the layers.
 * A layer may reach below the one under it, never above. The doors may use each other, but no two
 * folders of lib/ may import each other, even through other folders: scripts/folder-cycles.ts checks
 * that after this file's rules (dependency-cruiser's own folder scope misses a loop that enters a
 * folder in one subfolder and leaves it from another: lib/a → lib/b/x, lib/b/y → lib/a).
 * Prisma is used in lib/db only, one module per model; SQL on the pool in the run stores.
 * An import against an arrow fails CI; there is no baseline of accepted exceptions.
 */
const layer = (...names) => `^lib/(${names.join("|")})(/|\\.ts$)`;

const DOORS = ["chat", "admin", "openai", "mcp-server", "health"];
const UPPER = ["openapi", ...DOORS, "run-doors", "auth", "http"];
const INFRA = ["db", "env", "log", "redis", "observability"];

module.exports = {
  forbidden: [
    {
      name: "lib-imports-no-app",
      comment: "lib/ is used by app/ and components/, never the other way.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "openapi-on-top",
      comment: "lib/openapi describes every door from their schemas: app/ serves it, nothing in lib/ imports it.",
      severity: "error",
      from: { path: "^lib/", pathNot: layer("openapi") },
      to: { path: layer("openapi") },
    },
    {
      name: "run-doors-below-the-doors",
      comment: "lib/run-doors is what the doors that start runs share; it imports none of them.",
      severity: "error",
      from: { path: layer("run-doors") },
      to: { path: layer("openapi", ...DOORS) },
    },
    {
      name: "auth-below-the-doors",
      comment: "lib/auth says who calls, for every door; it imports none of them.",
      severity: "error",
      from: { path: layer("auth") },
      to: { path: layer("openapi", ...DOORS, "run-doors") },
    },
    {
      name: "http-is-plumbing",
      comment:
        "lib/http is HTTP plumbing (route wrapper, error statuses, bodies, SSE, rate limits, front door) under every door; it imports no door, nor lib/auth.",
      severity: "error",
      from: { path: layer("http") },
      to: { path: layer("openapi", ...DOORS, "run-doors", "auth") },
    },
    {
      name: "runs-above-agent",
      comment: "lib/runs runs agents for the doors above it: it knows no HTTP, browser format or admin view.",
      severity: "error",
      from: { path: layer("runs") },
      to: { path: layer(...UPPER) },
    },
    {
      name: "agent-knows-only-llm-and-tools",
      comment: "lib/agent imports only lib/llm, lib/tools and itself: no HTTP, browser format, event log or wiring.",
      severity: "error",
      from: { path: layer("agent") },
      to: { path: "^lib/", pathNot: layer("agent", "llm", "tools") },
    },
    {
      name: "tools-and-llm-are-leaves",
      comment: "lib/tools and lib/llm know no agent, run or door; they may use configuration and logging.",
      severity: "error",
      from: { path: layer("tools", "llm") },
      to: { path: "^lib/", pathNot: layer("tools", "llm", "env", "log", "redis") },
    },
    {
      name: "infra-uses-no-layer",
      comment: "lib/{db,env,log,redis,observability} serve every layer and import none.",
      severity: "error",
      from: { path: layer(...INFRA) },
      to: { path: "^lib/", pathNot: layer(...INFRA) },
    },
    {
      name: "prisma-only-in-lib-db",
      comment:
        "Each model's queries live in one module of lib/db (users, sessions, runs, api-keys, usage); the app calls those. Scripts seed and migrate.",
      severity: "error",
      from: { pathNot: "^(lib/db/|scripts/)" },
      to: { path: "^lib/db/client\\.ts$" },
    },
    {
      name: "no-cycles",
      severity: "error",
      from: { path: "^lib/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|lib/db/generated)/|\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
