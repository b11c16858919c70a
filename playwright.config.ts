import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const stubPort = port + 2;
/** The instance whose agents answer through the real OpenAI provider, from the scripted server. */
process.env.E2E_REAL_MODEL_URL = `http://127.0.0.1:${port + 1}`;

/** The production entry itself (what `npm run start:prod` and the Docker image run) on `at`. */
function app(at: number, env: Record<string, string>) {
  const url = `http://127.0.0.1:${at}`;
  return {
    command: `"${process.execPath}" .next/standalone/start.mjs`,
    url: `${url}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PORT: String(at),
      HOSTNAME: "127.0.0.1",
      AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters-long",
      AUTH_URL: url,
      ADMIN_EMAILS: "",
      ALLOW_REGISTRATION: "true",
      RATE_LIMIT_CHAT_PER_MIN: "1000",
      LOG_LEVEL: "warn",
      ...env,
    } as Record<string, string>,
  };
}

/**
 * Runs against the production build's own entry on the database scripts/test.ts prepared, in
 * Debian's Chromium: Playwright's own browser downloads cannot be reached here.
 */
export default defineConfig({
  testDir: "e2e",
  // auth first: its first registered account must be the first of the database (the admin).
  projects: [
    { name: "auth", testMatch: "auth.spec.ts" },
    { name: "api", testMatch: "api.spec.ts", dependencies: ["auth"] },
    { name: "chat", testMatch: "chat.spec.ts", dependencies: ["auth"] },
    { name: "admin", testMatch: "admin.spec.ts", dependencies: ["auth"] },
    { name: "clients", testMatch: "clients.spec.ts", dependencies: ["auth"] },
    { name: "model", testMatch: "model.spec.ts", dependencies: ["auth"] },
  ],
  outputDir: "test-results/e2e",
  // Tests share one server and database, and the first account is the admin: keep them in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    app(port, {}),
    // A second instance on the same database whose agents' openai:* model is a scripted server:
    // a chat through the real OpenAI provider (e2e/model.spec.ts).
    {
      command: `"${process.execPath}" --import tsx test/support/openai-stub-server.ts`,
      port: stubPort,
      reuseExistingServer: false,
      env: { ...process.env, STUB_PORT: String(stubPort) } as Record<string, string>,
    },
    app(port + 1, { OPENAI_API_KEY: "sk-e2e-stub", OPENAI_BASE_URL: `http://127.0.0.1:${stubPort}/v1` }),
  ],
});
