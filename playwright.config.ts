import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

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
  webServer: {
    // The production entry itself (what `npm run start:prod` and the Docker image run).
    command: `"${process.execPath}" .next/standalone/start.mjs`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      AUTH_SECRET: "e2e-secret-that-is-at-least-32-characters-long",
      AUTH_URL: baseURL,
      ADMIN_EMAILS: "",
      ALLOW_REGISTRATION: "true",
      RATE_LIMIT_CHAT_PER_MIN: "1000",
      LOG_LEVEL: "warn",
    } as Record<string, string>,
  },
});
