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
  // users.setup.ts registers the admin (the database's first account) and every spec's members and
  // saves their signed-in states; each spec needs only that, so any one runs alone (`--project chat`).
  projects: [
    { name: "users", testMatch: "users.setup.ts" },
    ...["auth", "api", "chat", "admin", "clients", "model"].map((name) => ({
      name,
      testMatch: `${name}.spec.ts`,
      dependencies: ["users"],
    })),
  ],
  outputDir: "test-results/e2e",
  // One server and database for every spec: one test at a time keeps the 2-core machine's answers in time.
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
