import { expect, test } from "./fixtures";
import { members } from "./users";

// A chat in the browser answered through the real OpenAI provider (@ai-sdk/openai, its fetch and
// SSE parser), not the demo model: this instance's OPENAI_BASE_URL is a scripted server, which
// holds each answer open a few seconds after its text.
test("a chat through the real OpenAI provider: its thinking, opened mid-answer and kept open; its answer, the model's name, no demo notice", async ({
  newContext,
}) => {
  const page = await (await newContext({ as: members.henry, baseURL: process.env.E2E_REAL_MODEL_URL })).newPage();
  await page.goto("/");
  await page.getByRole("form", { name: "assistant" }).getByRole("button", { name: "New chat" }).click();
  await expect(page.getByLabel("Message")).toBeFocused();
  await expect(page).toHaveTitle(/^New chat/);
  await page.getByLabel("Message").fill("Say hello");
  await page.keyboard.press("Enter");

  const answer = page.getByRole("article", { name: "Answer" });
  await expect(answer.getByText("Hello from the scripted model!")).toBeVisible({ timeout: 30_000 });
  const thought = answer.getByText("They want a greeting.");
  await expect(thought).toBeHidden();
  await answer.locator("summary", { hasText: /^Thought/ }).click();
  await expect(thought).toBeVisible();
  // Opened while the answer was still going.
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();

  // The run ends, and the new chat's page is read again as /chat/<id> (a new tab title, the stored
  // transcript): what the reader opened stays open.
  await expect(answer.getByText(/^openai:gpt-4o-mini · /)).toBeVisible();
  await expect(page).not.toHaveTitle(/^New chat/);
  await expect(thought).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "demo model" })).toHaveCount(0);
});
