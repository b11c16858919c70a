import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const SECRET = "s".repeat(32);

function errorOf(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("reads named OpenAI-compatible endpoints from ENDPOINT_<NAME>_*, and names the variable that is wrong", () => {
    const env = parseEnv({
      ENDPOINT_OLLAMA_BASE_URL: "http://localhost:11434/v1",
      ENDPOINT_LM_STUDIO_BASE_URL: "http://localhost:1234/v1",
      ENDPOINT_LM_STUDIO_API_KEY: "lm-key",
      ENDPOINT_LM_STUDIO_STRUCTURED_OUTPUT: "native",
    });
    expect(env.endpoints).toEqual({
      ollama: { baseUrl: "http://localhost:11434/v1", structuredOutput: "prompt" },
      "lm-studio": { baseUrl: "http://localhost:1234/v1", apiKey: "lm-key", structuredOutput: "native" },
    });
    expect(errorOf({ ENDPOINT_OLLAMA_BASE_URL: "localhost:11434" })).toContain("ENDPOINT_OLLAMA_BASE_URL: must be an http(s):// URL");
    expect(errorOf({ ENDPOINT_VLLM_BASE_URL: "http://x/v1", ENDPOINT_VLLM_STRUCTURED_OUTPUT: "json" })).toContain(
      "ENDPOINT_VLLM_STRUCTURED_OUTPUT:",
    );
    expect(errorOf({ ENDPOINT_OPENAI_BASE_URL: "http://x/v1" })).toContain('ENDPOINT_OPENAI_BASE_URL: "openai" is a built-in provider');
  });

  it("applies defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PGLITE_DATA_DIR: ".data/pglite",
      PGLITE_PORT: 54329,
      ADMIN_EMAILS: [],
      ALLOW_REGISTRATION: true,
      RUN_EXECUTOR: "inline",
      RUN_WORKERS: true,
      WORKER_CONCURRENCY: 50,
      RUN_MAX_ATTEMPTS: 3,
      QUEUE_HEARTBEAT_S: 10,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("parses good values", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app:pw@db.internal:5432/studio?connection_limit=5",
      AUTH_SECRET: SECRET,
      PGLITE_PORT: "6000",
      ADMIN_EMAILS: " Ada@Example.com, bob@example.com ,",
      ALLOW_REGISTRATION: "false",
    });
    expect(env.DATABASE_URL).toBe("postgresql://app:pw@db.internal:5432/studio?connection_limit=5");
    expect(env.PGLITE_PORT).toBe(6000);
    expect(env.ADMIN_EMAILS).toEqual(["ada@example.com", "bob@example.com"]);
    expect(env.ALLOW_REGISTRATION).toBe(false);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", ALLOW_REGISTRATION: "", PGLITE_PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ALLOW_REGISTRATION).toBe(true);
    expect(env.PGLITE_PORT).toBe(54329);
  });

  it.each([
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL: must be a postgresql:// URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL: must be a postgresql:// URL"],
    [{ PGLITE_PORT: "http" }, "PGLITE_PORT"],
    [{ PGLITE_PORT: "70000" }, "PGLITE_PORT"],
    [{ ALLOW_REGISTRATION: "maybe" }, 'ALLOW_REGISTRATION: must be "true" or "false"'],
    [{ ADMIN_EMAILS: "ada@example.com,not-an-email" }, "ADMIN_EMAILS"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: must be at least 32 characters"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ REDIS_URL: "http://localhost:6379" }, "REDIS_URL: must be a redis:// or rediss:// URL"],
    [{ API_KEYS: "short" }, "API_KEYS"],
    [{ NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_ENABLED: "false" }, "AUTH_ENABLED: cannot be false in production"],
    [{ OPENAI_BASE_URL: "localhost:11434" }, "OPENAI_BASE_URL"],
    [{ AUTH_URL: "studio.example.com" }, "AUTH_URL: must be an http(s):// URL"],
    [{ DEMO_TOKEN_DELAY_MS: "-1" }, "DEMO_TOKEN_DELAY_MS"],
    [{ AUTH_GITHUB_ID: "abc" }, "AUTH_GITHUB_SECRET: is required when GitHub sign-in is configured"],
    [{ AUTH_GITHUB_SECRET: "abc" }, "AUTH_GITHUB_ID: is required when GitHub sign-in is configured"],
    [{ RUN_EXECUTOR: "bullmq" }, 'RUN_EXECUTOR: must be "inline" or "pgboss"'],
    [{ RUN_WORKERS: "maybe" }, 'RUN_WORKERS: must be "true" or "false"'],
    [{ WORKER_CONCURRENCY: "0" }, "WORKER_CONCURRENCY"],
    [{ RUN_MAX_ATTEMPTS: "0" }, "RUN_MAX_ATTEMPTS"],
    [{ QUEUE_HEARTBEAT_S: "5" }, "QUEUE_HEARTBEAT_S"],
  ])("rejects %o naming the variable", (source, expected) => {
    expect(errorOf(source)).toContain(expected);
  });

  it("requires AUTH_SECRET to serve in production, but not to build", () => {
    expect(errorOf({ NODE_ENV: "production" })).toContain("AUTH_SECRET: is required in production");
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  it("lists every bad variable at once", () => {
    const message = errorOf({ DATABASE_URL: "x", PGLITE_PORT: "y" });
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("PGLITE_PORT");
  });
});
