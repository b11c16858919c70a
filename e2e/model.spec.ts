import { expect, test } from "@playwright/test";
import { register } from "./helpers";

// A chat in the browser answered through the real OpenAI provider (@ai-sdk/openai, its fetch and
// SSE parser), not the demo model: this instance's OPENAI_BASE_URL is a scripted server.
const henry = { name: "Henry", email: "henry@example.com", password: "henry's long password" };

test("a chat through the real OpenAI provider: its thinking, its answer, the model's name, no demo notice", async ({ browser }) => {
  const url = process.env.E2E_REAL_MODEL_URL!;
  const page = await (await browser.newContext({ baseURL: url })).newPage();
  await register(page, henry);
  await expect(page.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  await page.getByRole("form", { name: "assistant" }).getByRole("button", { name: "New chat" }).click();
  await expect(page.getByLabel("Message")).toBeFocused();
  await page.getByLabel("Message").fill("Say hello");
  await page.keyboard.press("Enter");

  const answer = page.getByRole("article", { name: "Answer" });
  await expect(answer.getByText("Hello from the scripted model!")).toBeVisible({ timeout: 30_000 });
  await expect(answer.getByText(/^openai:gpt-4o-mini · /)).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "demo model" })).toHaveCount(0);
  await answer.locator("summary", { hasText: /^Thought/ }).click();
  await expect(answer.getByText("They want a greeting.")).toBeVisible();
  await page.context().close();
});
