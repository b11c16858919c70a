import { expect, test, type Page } from "@playwright/test";
import { register } from "./helpers";

// The chat as a person uses it, in Chromium, on the demo model with the real tools and MCP servers.
test.describe.configure({ mode: "serial" });

const erin = { name: "Erin", email: "erin@example.com", password: "erin's long password" };
let page: Page;
const consoleProblems: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") consoleProblems.push(message.text());
  });
  page.on("pageerror", (error) => consoleProblems.push(String(error)));
  await register(page, erin);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
});

test.afterEach(() => {
  // No console errors and no hydration warnings, ever.
  expect(consoleProblems).toEqual([]);
});

async function startChat(agent: string, question: string) {
  await page.goto("/");
  await page.getByRole("form", { name: agent }).getByRole("button", { name: "New chat" }).click();
  await page.getByLabel("Message").fill(question);
  await page.keyboard.press("Enter");
}

test("country-analyst: phases, a tool card, streamed text and a CountryReport; kept after a reload", async ({}, testInfo) => {
  await startChat("country-analyst", "Tell me about Spain");
  await expect(page.getByText("demo model answers instead of openai:gpt-4o-mini")).toBeVisible();
  const answer = page.getByRole("article", { name: "Answer" });
  const report = answer.getByRole("region", { name: "CountryReport" });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByText("Madrid", { exact: true })).toBeVisible();
  await expect(report.getByText("48,300,000")).toBeVisible();
  for (const phase of ["Gathering facts", "Writing the report"]) {
    await expect(answer.getByRole("listitem").filter({ hasText: phase })).toHaveAttribute("data-status", "done");
  }
  const tool = answer.getByRole("region", { name: "Tool get_country_info" });
  await expect(tool).toHaveAttribute("data-state", "done");
  await tool.getByText("Arguments").click();
  await expect(tool.getByText('"country": "Spain"')).toBeVisible();
  await expect(answer.getByText("Here is what I found for Spain")).toBeVisible();
  await expect(answer.getByText(/^demo · /)).toBeVisible();

  await expect(page).toHaveURL(/\/chat\/c[a-z0-9]+$/);
  await expect(page.getByRole("navigation", { name: "Chats" }).getByText("Tell me about Spain")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("chat-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: testInfo.outputPath("chat-375.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.reload();
  await expect(page.getByRole("region", { name: "CountryReport" }).getByText("Madrid", { exact: true })).toBeVisible();
  // Fields keep the schema's order after a reload (stored as json, not key-sorting jsonb).
  await expect(page.getByRole("region", { name: "CountryReport" }).locator("dt")).toHaveText(["Country", "Capital", "Population", "Currency", "Summary", "Sources"]);
  await expect(page.getByRole("region", { name: "Tool get_country_info" })).toHaveAttribute("data-state", "done");
  await expect(page.getByText("Tell me about Spain", { exact: true }).first()).toBeVisible();
});

test("mcp-explorer: a long MCP tool shows a progress bar that advances, then its result", async () => {
  await startChat("mcp-explorer", "Trigger a long running operation of 4 seconds with 4 steps");
  const tool = page.getByRole("region", { name: "Tool trigger-long-running-operation" });
  await expect(tool.getByText("MCP · everything")).toBeVisible();
  const bar = tool.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuenow", "1", { timeout: 15_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "2");
  await expect(tool).toHaveAttribute("data-state", "done", { timeout: 15_000 });
  await expect(tool.getByText(/completed/i)).toBeVisible();
});

test("Stop cancels the run and leaves the chat usable", async () => {
  await startChat("mcp-explorer", "Trigger a long running operation of 30 seconds with 30 steps");
  await expect(page.getByRole("progressbar")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const sessionId = /\/chat\/(c[a-z0-9]+)$/.exec(page.url())?.[1];
  expect(sessionId).toBeTruthy();
  await expect
    .poll(async () => (await (await page.request.get(`/api/agents/mcp-explorer/sessions/${sessionId}`)).json()).runs[0].status)
    .toBe("CANCELLED");
  await page.getByLabel("Message").fill("Echo hello again");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article", { name: "Answer" }).last().getByText(/^demo · /)).toBeVisible({ timeout: 30_000 });
});

test("reloading mid-run reattaches to the run, which completes once", async () => {
  await startChat("mcp-explorer", "Trigger a long running operation of 4 seconds with 4 steps");
  await expect(page.getByRole("progressbar")).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/chat\/c[a-z0-9]+$/);
  await page.reload();
  const tool = page.getByRole("region", { name: "Tool trigger-long-running-operation" });
  await expect(tool).toHaveAttribute("data-state", "done", { timeout: 20_000 });
  await expect(page.getByRole("article", { name: "Answer" }).getByText(/^demo · /)).toBeVisible();
  await expect(tool).toHaveCount(1);
  await expect(page.getByRole("article", { name: "Answer" })).toHaveCount(1);
});

test("renaming a chat changes its title in the sidebar and the API", async () => {
  await page.goto("/chat/new?agent=assistant");
  const chats = page.getByRole("navigation", { name: "Chats" });
  await chats.getByRole("button", { name: "Rename Tell me about Spain" }).click();
  await chats.getByLabel("Title").fill("Spain report");
  await page.keyboard.press("Enter");
  await expect(chats.getByText("Spain report")).toBeVisible();
  const href = await chats.getByRole("link", { name: /Spain report/ }).getAttribute("href");
  const detail = await (await page.request.get(`/api/agents/country-analyst/sessions/${href!.split("/").pop()}`)).json();
  expect(detail.session.title).toBe("Spain report");
});

test("deleting a chat removes it from the sidebar and the API", async () => {
  await startChat("assistant", "What is 7 * 6?");
  await expect(page.getByRole("article", { name: "Answer" }).getByText(/^demo · /)).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/chat\/c[a-z0-9]+$/);
  const sessionId = /\/chat\/(c[a-z0-9]+)$/.exec(page.url())![1]!;
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete What is 7 * 6?" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/chat/new?agent=assistant");
  await expect(page.getByRole("navigation", { name: "Chats" }).getByText("Spain report")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Chats" }).getByText("What is 7 * 6?")).toHaveCount(0);
  expect((await page.request.get(`/api/agents/assistant/sessions/${sessionId}`)).status()).toBe(404);
});
