import type { BrowserContext } from "@playwright/test";
import { expect, test as setup } from "./fixtures";
import { register } from "./helpers";
import { admin, members, stateOf, type Account } from "./users";

// Runs before every spec (their projects depend on it), on the fresh database scripts/test.ts made.
setup.describe.configure({ mode: "serial" });

/** Registers `user` and saves the signed-in state; its page stays on the home page. */
async function registered(newContext: () => Promise<BrowserContext>, user: Account) {
  const context = await newContext();
  const page = await context.newPage();
  await register(page, user);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await context.storageState({ path: stateOf(user) });
  return page;
}

setup("the first account registered is the admin", async ({ newContext }) => {
  const page = await registered(newContext, admin);
  await page.getByLabel("User menu").click();
  await expect(page.getByText("Admin", { exact: true }).first()).toBeVisible();
});

setup("each spec's own members, signed in", async ({ newContext }) => {
  for (const user of Object.values(members)) await registered(newContext, user);
});
