import { z } from "zod";

/**
 * Every setting the server reads, validated once. Imported by next.config.ts, so a bad value stops
 * `next dev`, `next build` and `next start` with a message naming the variable.
 * Client-side settings, when there are any, get their own `NEXT_PUBLIC_` schema beside this one.
 */

const emailList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email("must be a comma-separated list of email addresses")));

const ipOrCidr = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: "must be a comma-separated list of IP addresses or CIDR ranges",
});

const flag = z.stringbool({ error: 'must be "true" or "false"' });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
    PGLITE_DATA_DIR: z.string().default(".data/pglite"),
    PGLITE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    // Read by Auth.js itself; validated here so a typo fails at start, not at the first sign-in.
    AUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
    // How long a password reset link an admin makes stays valid.
    PASSWORD_RESET_TTL_MIN: z.coerce.number().int().min(5).max(10_080).default(60),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    ADMIN_EMAILS: emailList.default([]),
    ALLOW_REGISTRATION: flag.default(true),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
    // Whether that endpoint takes response_format json_schema (default: yes for OpenAI's own, no with OPENAI_BASE_URL).
    OPENAI_STRUCTURED_OUTPUT: z.enum(["native", "prompt"]).optional(),
    // Which OpenAI API (default: responses for OpenAI itself, chat with OPENAI_BASE_URL).
    OPENAI_API: z.enum(["responses", "chat"]).optional(),
    ANTHROPIC_API_KEY: z.string().optional(),
    ANTHROPIC_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
    GOOGLE_GENERATIVE_AI_API_KEY: z.string().optional(),
    GOOGLE_GENERATIVE_AI_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
    DEMO_TOKEN_DELAY_MS: z.coerce.number().int().min(0).max(5_000).default(15),
    AGENTS_DIR: z.string().default("agents"),
    MCP_CONFIG: z.string().default("mcp.json"),
    MCP_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    MCP_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
    MCP_TOOLS_TTL_S: z.coerce.number().int().min(0).default(300),
    // Set by Vercel ("1") in its functions: stdio MCP servers are unavailable there.
    VERCEL: flag.default(false),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    API_KEYS: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().min(24, "each key must be at least 24 characters")))
      .default([]),
    API_SERVICE_EMAIL: z.email().default("service@agent-studio.local"),
    AUTH_ENABLED: flag.default(true),
    RUN_TIMEOUT_CAP_S: z.coerce.number().int().min(1).default(300),
    MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).default(500),
    // Where runs execute: in the process that accepted them, or as pg-boss jobs on any worker (decision 0012).
    RUN_EXECUTOR: z.enum(["inline", "pgboss"], { error: 'must be "inline" or "pgboss"' }).default("inline"),
    // Whether this instance takes run jobs (pgboss executor); `npm run worker` processes always do.
    RUN_WORKERS: flag.default(true),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    // Executions a run gets: the first, plus one each time the process executing it died (or stopped) holding it.
    RUN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
    // A worker silent this long loses its job to another (pg-boss refuses less than 10).
    QUEUE_HEARTBEAT_S: z.coerce.number().int().min(10).max(3600).default(10),
    STREAM_FLUSH_MS: z.coerce.number().int().min(0).max(1_000).default(50),
    DB_BATCH_ROWS: z.coerce.number().int().min(1).max(10_000).default(1_000),
    EVENT_STORE_RETRY_S: z.coerce.number().int().min(0).max(600).default(10),
    API_KEY_CACHE_S: z.coerce.number().int().min(0).max(300).default(5),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    RATE_LIMIT_CHAT_PER_MIN: z.coerce.number().int().min(1).default(60),
    RATE_LIMIT_SIGNIN_PER_MIN: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_SIGNIN_PER_ADDRESS_PER_MIN: z.coerce.number().int().min(1).default(20),
    // Proxies whose X-Forwarded-For is believed; without any, the client is the socket's peer.
    TRUSTED_PROXIES: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(ipOrCidr))
      .default([]),
    // A server's name across restarts (default host:port): a restarted one ends its earlier runs at once.
    INSTANCE_NAME: z.string().min(1).max(200).optional(),
    INSTANCE_HEARTBEAT_S: z.coerce.number().int().min(1).max(300).default(5),
    INSTANCE_TIMEOUT_S: z.coerce.number().int().min(2).max(3600).default(30),
    CLEANUP_INTERVAL_S: z.coerce.number().int().min(10).default(300),
    // How long a deleted chat can be restored (Undo); the housekeeping purges it after that.
    SESSION_UNDO_S: z.coerce.number().int().min(1).max(3600).default(10),
    // An MCP client's session (kept in the memory of the instance it opened on) is closed after this long unused.
    MCP_SESSION_IDLE_MIN: z.coerce.number().int().min(1).max(10_080).default(30),
    // MCP sessions one user may hold open at once; one more closes their least recently used.
    MCP_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
    SHUTDOWN_GRACE_S: z.coerce.number().int().min(0).max(3600).default(25),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Read by the OTLP exporter itself (which appends /v1/traces); here it also switches tracing on.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
    OTEL_SERVICE_NAME: z.string().default("agent-studio"),
    METRICS_TOKEN: z.string().min(24, "must be at least 24 characters (openssl rand -hex 24)").optional(),
    // Set by `npm run build` (Next sets it too, but only after loading next.config.ts): a build needs no secrets.
    NEXT_PHASE: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const serving = env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build";
    if (serving && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (openssl rand -base64 32)" });
    }
    if (!env.AUTH_ENABLED && env.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", path: ["AUTH_ENABLED"], message: "cannot be false in production" });
    }
    if (!!env.AUTH_GITHUB_ID !== !!env.AUTH_GITHUB_SECRET) {
      const missing = env.AUTH_GITHUB_ID ? "AUTH_GITHUB_SECRET" : "AUTH_GITHUB_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "is required when GitHub sign-in is configured" });
    }
  });

/** A named OpenAI-compatible server (`<name>:<model>`), from ENDPOINT_<NAME>_BASE_URL and its _API_KEY and _STRUCTURED_OUTPUT. */
export type Endpoint = { baseUrl: string; apiKey?: string; structuredOutput: "native" | "prompt" };

const ENDPOINT_VARIABLE = /^ENDPOINT_([A-Z][A-Z0-9_]*)_BASE_URL$/;
const RESERVED_PROVIDERS = new Set(["demo", "openai", "anthropic", "google"]);
const endpointSchema = z.object({
  BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }),
  API_KEY: z.string().optional(),
  STRUCTURED_OUTPUT: z.enum(["native", "prompt"]).default("prompt"),
});

function parseEndpoints(source: Record<string, string | undefined>) {
  const endpoints: Record<string, Endpoint> = {};
  const issues: string[] = [];
  for (const variable of Object.keys(source)) {
    const name = ENDPOINT_VARIABLE.exec(variable)?.[1];
    if (!name) continue;
    const prefix = `ENDPOINT_${name}_`;
    const provider = name.toLowerCase().replaceAll("_", "-");
    if (RESERVED_PROVIDERS.has(provider)) issues.push(`  ${variable}: "${provider}" is a built-in provider; name the endpoint otherwise`);
    const parsed = endpointSchema.safeParse({
      BASE_URL: source[`${prefix}BASE_URL`],
      API_KEY: source[`${prefix}API_KEY`],
      STRUCTURED_OUTPUT: source[`${prefix}STRUCTURED_OUTPUT`],
    });
    if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => `  ${prefix}${issue.path.join(".")}: ${issue.message}`));
    else
      endpoints[provider] = { baseUrl: parsed.data.BASE_URL, apiKey: parsed.data.API_KEY, structuredOutput: parsed.data.STRUCTURED_OUTPUT };
  }
  return { endpoints, issues };
}

export type Env = z.infer<typeof envSchema> & { endpoints: Record<string, Endpoint> };

export class EnvError extends Error {
  override readonly name = "EnvError";
}

/** Empty strings count as unset, so `FOO=` in a .env file falls back to the default. */
function withoutEmpty(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const given = withoutEmpty(source);
  const result = envSchema.safeParse(given);
  const { endpoints, issues } = parseEndpoints(given);
  const lines = [...(result.success ? [] : result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)), ...issues];
  if (!result.success || lines.length > 0) throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
  return { ...result.data, endpoints };
}

export const env = parseEnv();
