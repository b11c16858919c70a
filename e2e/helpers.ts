import { expect, type APIResponse, type Page } from "@playwright/test";

export type Account = { name: string; email: string; password: string };

/** Registered first, by auth.spec.ts, so the admin of every later spec. */
export const admin: Account = { name: "Ada Admin", email: "ada@example.com", password: "ada's long password" };

export async function register(page: Page, user: Account) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export type WireEvent = { id: number; event: string; data: Record<string, unknown> };

/** Server-Sent Events text → events (comments such as `: ping` skipped). */
export function parseSse(text: string): WireEvent[] {
  return text
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line && !line.startsWith(":")))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
      return { id: Number(field("id")), event: field("event"), data: JSON.parse(field("data")) };
    });
}

export async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect((await response.json()).error.code).toBe(code);
}
