import { expect, test, type Page } from "@playwright/test";
import { admin, register, signIn } from "./helpers";

// One database for the whole file: the first account registered here becomes the admin.
test.describe.configure({ mode: "serial" });

const member = { name: "Bob Member", email: "bob@example.com", password: "bob's long password" };

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

  await register(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await page.getByLabel("User menu").click();
  await expect(page.getByText(admin.email)).toBeVisible();
  await expect(page.getByText("Admin", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=.*%2Fadmin/);

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

test("a second account is not an admin: no admin link, 403 on /admin", async ({ page }) => {
  await register(page, member);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Admin" })).toHaveCount(0);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();

  await signOut(page);
});

test("the first account still gets /admin, and the header links to it", async ({ page }) => {
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
