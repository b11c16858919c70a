/**
 * The layers of ../shared/DESIGN.md §2, held by `npm run lint`:
 *   app → lib/{http,chat,admin,auth,openai,mcp-server} → lib/runs → lib/agent → lib/{llm,tools}
 * and everything may use lib/{db,env,log,redis,observability}, which use none of the layers.
 * Prisma is used in lib/db only, one module per model; SQL on the pool in the run stores.
 * An import against an arrow fails CI; there is no baseline of accepted exceptions.
 */
const layer = (...names) => `^lib/(${names.join("|")})(/|\\.ts$)`;

const UPPER = ["http", "chat", "admin", "auth", "health", "openai", "mcp-server"];
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
