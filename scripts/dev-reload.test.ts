import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/test/support/ports";
import { startDevServer, waitUntilServing, type Server } from "@/test/support/servers";

// `npm run dev` stopped and started again as a developer does (SIGTERM to its process group), with the
// embedded database's data kept and deleted: a page opened after each start loads once. A start after
// a run that had compiled the signed-in pages used to reload /register forever (see next.config.ts).
// Each start compiles its pages anew; the file takes a minute and a half.

// A reloading page came back every ~200 ms; a page that loads once stays.
const SETTLE_MS = 5_000;

let dir: string;
let pgPort: string;
let browser: Browser;
let server: Server | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "agent-studio-dev-reload-"));
  pgPort = String(await freePort());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Stops the running dev server, if any, and starts `npm run dev` on this file's own data directory. */
async function restart() {
  await server?.stop();
  // As a new user: no database or secret of the test run's (empty counts as unset).
  server = await startDevServer({
    DATABASE_URL: "",
    AUTH_SECRET: "",
    PGLITE_DATA_DIR: path.join(dir, "data", "pglite"),
    PGLITE_PORT: pgPort,
  });
  await waitUntilServing(server, 120_000);
  return server;
}

/** Opens `page` in a fresh browser context and counts its loads until it has settled. */
async function loadsOf(base: string, pathname: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(base + pathname, { timeout: 90_000 });
    await page.waitForTimeout(SETTLE_MS);
    return loads;
  } finally {
    await context.close();
  }
}

describe("npm run dev, restarted", () => {
  it("first start: /register loads once; an admin's session then compiles the signed-in pages", async () => {
    const { url, output } = await restart();
    expect(await loadsOf(url, "/register"), output()).toBe(1);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/register`, { timeout: 90_000 });
      await page.getByLabel("Name").fill("Ada Admin");
      await page.getByLabel("Email").fill("ada@example.com");
      await page.getByLabel("Password").fill("ada's long password");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Pick an agent" }).waitFor({ timeout: 90_000 });
      // Each page stays open a moment, as when a person reads it: pages left as soon as they had
      // loaded did not bring the loop about.
      for (const pathname of ["/settings", "/admin", "/admin/users", "/admin/agents", "/admin/runs", "/admin/sessions"]) {
        expect((await page.goto(url + pathname, { timeout: 90_000 }))?.status()).toBe(200);
        await page.waitForTimeout(1_000);
      }
      await page.waitForTimeout(SETTLE_MS);
    } finally {
      await context.close();
    }
  }, 150_000);

  it("after a restart with the data directory deleted, /register loads once", async () => {
    await server?.stop();
    await rm(path.join(dir, "data"), { recursive: true, force: true });
    const { url, output } = await restart();
    expect(await loadsOf(url, "/register"), output()).toBe(1);
  }, 150_000);

  it("after a restart with the data kept, /register loads once", async () => {
    const { url, output } = await restart();
    expect(await loadsOf(url, "/register"), output()).toBe(1);
  }, 150_000);
});
