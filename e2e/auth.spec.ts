import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { register, signIn } from "./helpers";
import { admin } from "./users";

// Registration and sign-in in the browser. The admin (the database's first account) comes from
// users.setup.ts; the accounts registered here are members.
test.describe.configure({ mode: "serial" });

const member = { name: "Bob Member", email: "bob@example.com", password: "bob's long password" };
const newcomer = { name: "Ivy", email: "ivy@example.com", password: "ivy's long password" };

async function signOut(page: Page) {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
}

test("register, land signed in, sign out, get bounced to sign-in, sign in again", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByRole("link", { name: "Create one" }).click();
  await expect(page).toHaveURL(/\/register$/);

  await register(page, newcomer);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await page.getByLabel("User menu").click();
  await expect(page.getByText(newcomer.email)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=.*%2Fadmin/);

  // Back to where sign-in was asked for.
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
});

test("bad credentials get one message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, admin.email, "not the password");
  const alert = page.locator("form [role=alert]");
  await expect(alert).toHaveText("Invalid email or password.");

  await signIn(page, "nobody@example.com", admin.password);
  await expect(alert).toHaveText("Invalid email or password.");
  await expect(page).toHaveURL(/\/signin$/);
});

test("registration explains a taken email and a weak password", async ({ page }) => {
  await register(page, { ...member, email: admin.email });
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(admin.email);
  await expect(page.getByLabel("Name")).toHaveValue(member.name);

  await register(page, { ...member, password: "short" });
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/register$/);
});

test("a later account is not an admin: no admin link, 403 on /admin", async ({ page, allowConsoleError }) => {
  allowConsoleError(/status of 403/, "the browser logs the 403 of /admin, which this test opens as a member");
  await register(page, member);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Admin" })).toHaveCount(0);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();

  await signOut(page);
});

test("the admin gets /admin, and the header links to it", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("navigation").getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
});

test("signed-in users are sent from the sign-in page to the app", async ({ page }) => {
  await page.goto("/signin");
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/$/);
});
