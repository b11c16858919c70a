import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectAccessible, expectError, signIn } from "./helpers";
import { admin, members } from "./users";

// The admin console over a session made through the public API in this file.
test.describe.configure({ mode: "serial" });

const { frank } = members;
let adminPage: Page;
let frankPage: Page;
let frankKey = "";
let sessionId = "";
let runId = "";

const as = (key: string) => ({ "X-API-Key": key });

test.beforeAll(async ({ newContext }) => {
  frankPage = await (await newContext({ as: frank })).newPage();
  frankKey = (await (await frankPage.request.post("/api/keys", { data: { name: "admin e2e" } })).json()).key;
  const answer = await frankPage.request.post("/api/agents/assistant/chat", { headers: as(frankKey), data: { query: "What is 12 * 12?" } });
  expect(answer.status(), await answer.text()).toBe(200);
  ({ session_id: sessionId, run_id: runId } = await answer.json());

  adminPage = await (await newContext({ as: admin })).newPage();
  // A session of the admin's own, so "every user's sessions" has more than one user in it.
  expect((await adminPage.request.post("/api/agents/country-analyst/chat", { data: { query: "Tell me about Italy" } })).status()).toBe(200);
});

const adminPages = () => ["/admin", "/admin/sessions", `/admin/sessions/${sessionId}`, "/admin/runs", "/admin/users", "/admin/agents"];

function adminApis(): [string, string, object?][] {
  return [
    ["GET", "/api/admin/sessions"],
    ["GET", "/api/admin/sessions/export"],
    ["GET", `/api/admin/sessions/${sessionId}`],
    ["GET", "/api/admin/usage"],
    ["GET", "/api/admin/users"],
    ["PATCH", "/api/admin/users/anyone", { role: "ADMIN" }],
    ["POST", "/api/admin/users/anyone/password-reset"],
    ["GET", "/api/admin/agents"],
    ["POST", "/api/admin/mcp/everything/reconnect"],
    ["GET", "/api/metrics"],
  ];
}

async function call(request: APIRequestContext, [method, path, data]: [string, string, object?], headers: Record<string, string> = {}) {
  return request.fetch(path, { method, headers, data });
}

test("non-admins get 403 on every admin page and admin API; no credentials get 401", async ({ request, allowConsoleError }) => {
  allowConsoleError(/status of 403/, "the browser logs the 403 of each admin page, which this test opens as a member");
  for (const path of adminPages()) {
    const response = await frankPage.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await expect(frankPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
  for (const api of adminApis()) {
    await expectError(await call(request, api, as(frankKey)), 403, "forbidden");
    await expectError(await call(frankPage.request, api), 403, "forbidden");
    await expectError(await call(request, api), 401, "unauthorized");
  }
});

test("sessions: every user's sessions, filtered, sorted, paginated and exported as CSV", async ({}, testInfo) => {
  const api = await (await adminPage.request.get(`/api/admin/sessions?user=${frank.email}`)).json();
  expect(api.total).toBe(1);
  expect(api.sessions[0]).toMatchObject({
    id: sessionId,
    agent: "assistant",
    title: "What is 12 * 12?",
    messageCount: 2,
    lastRunStatus: "SUCCEEDED",
  });
  const everyone = await (await adminPage.request.get("/api/admin/sessions?size=200")).json();
  const owners = new Set(everyone.sessions.map((session: { user: { email: string } }) => session.user.email));
  expect(owners).toContain(frank.email);
  expect(owners).toContain(admin.email);
  await expectError(await adminPage.request.get("/api/admin/sessions?status=DONE"), 400, "invalid_body");

  await adminPage.goto("/admin/sessions");
  const filters = adminPage.getByRole("form", { name: "Filters" });
  // Part of an email will do.
  await filters.getByLabel("User email").fill(frank.email.slice(0, 5).toUpperCase());
  await filters.getByLabel("Agent").selectOption("assistant");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(adminPage.getByText("1 session · page 1 of 1")).toBeVisible();
  const row = adminPage.getByRole("row").filter({ hasText: "What is 12 * 12?" });
  await expect(row).toContainText(frank.email);
  await expect(row).toContainText("succeeded");
  await filters.getByLabel("Search titles").fill("no such title anywhere");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(adminPage.getByText("No sessions match these filters.")).toBeVisible();

  await adminPage.goto("/admin/sessions?sort=createdAt&dir=asc");
  await expect(adminPage.getByRole("columnheader", { name: "Created ↑" })).toHaveAttribute("aria-sort", "ascending");
  await adminPage.screenshot({ path: testInfo.outputPath("admin-sessions.png"), fullPage: true });

  const exported = await adminPage.request.get(`/api/admin/sessions/export?user=${frank.email}`);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  expect(exported.headers()["content-disposition"]).toMatch(/attachment; filename="sessions-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = (await exported.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,user_email,agent,title,created_at,last_active_at,message_count,last_run_status");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^${sessionId},${frank.email},assistant,What is 12 \\* 12\\?,\\S+,\\S+,2,SUCCEEDED$`));
});

test("session detail: the transcript as the user saw it and the run's event timeline", async ({}, testInfo) => {
  await adminPage.goto(`/admin/sessions/${sessionId}`);
  const transcript = adminPage.getByRole("region", { name: "Transcript" });
  await expect(transcript.getByText("What is 12 * 12?", { exact: true })).toBeVisible();
  // The answer's text says it; the tool card, one line until opened, holds it too.
  const answer = transcript.getByRole("article", { name: "Answer" });
  await expect(answer.locator(".markdown")).toContainText("144");
  await expect(answer.getByRole("region", { name: "Tool calculator" })).toHaveAttribute("data-state", "done");
  const run = adminPage.getByRole("article", { name: `Run ${runId}` });
  await expect(run).toContainText("succeeded");
  const timeline = run.getByRole("list", { name: "Event timeline" });
  await expect(timeline.locator("li").first()).toHaveAttribute("data-type", "start");
  await expect(timeline.locator("li").first()).toContainText("+0.");
  await expect(timeline.locator('li[data-type="tool_start"]')).toContainText("calculator");
  await expect(timeline.locator('li[data-type="tool_result"]')).toContainText("succeeded");
  await expect(timeline.locator("li").last()).toHaveAttribute("data-type", "done");
  await timeline.locator('li[data-type="tool_start"] summary').click();
  await expect(timeline.locator('li[data-type="tool_start"] pre')).toContainText('"tool": "calculator"');

  // Who executed it, and its step journal: the model calls and the tool call, each done at its first attempt.
  await expect(run).toContainText("Executed by");
  await run.getByText(/^Steps \(\d+\)$/).click();
  await expect(run.getByRole("row", { name: /tool\/.* tool 1 done/ })).toBeVisible();

  const detail = await (await adminPage.request.get(`/api/admin/sessions/${sessionId}`)).json();
  expect(detail.user.email).toBe(frank.email);
  expect(detail.runs[0].timeline.map((entry: { type: string }) => entry.type)).toContain("tool_result");
  expect(detail.runs[0].instanceId).toBeTruthy();
  expect(detail.runs[0].steps.map((step: { kind: string; attempt: number }) => [step.kind, step.attempt])).toEqual([
    ["model", 1],
    ["tool", 1],
    ["model", 1],
  ]);
  await adminPage.screenshot({ path: testInfo.outputPath("admin-session.png"), fullPage: true });
});

test("runs: usage charts from SQL aggregates", async ({}, testInfo) => {
  await adminPage.goto("/admin/runs?days=7");
  const totals = adminPage.getByRole("definition").first();
  await expect(totals).not.toHaveText("0");
  for (const chart of ["Runs per day", "Run duration per agent", "Tokens per day", "Errors by code", "Top tools"]) {
    await expect(adminPage.getByRole("heading", { name: chart })).toBeVisible();
  }
  await expect(adminPage.locator(".recharts-surface").first()).toBeVisible();
  const usage = await (await adminPage.request.get("/api/admin/usage?days=7")).json();
  expect(usage.tools.find((tool: { tool: string }) => tool.tool === "calculator")?.calls).toBeGreaterThan(0);
  // Every run, each opening its session at that run; the agent filter narrows charts and list alike.
  const list = adminPage.getByRole("region", { name: "Every run" });
  const frankRun = list.getByRole("row").filter({ hasText: "What is 12 * 12?" });
  await expect(frankRun).toContainText(frank.email);
  await expect(frankRun).toContainText("succeeded");
  await adminPage.screenshot({ path: testInfo.outputPath("admin-runs.png"), fullPage: true });
  const filter = adminPage.getByRole("form", { name: "Agent filter" });
  await filter.getByLabel("Agent").selectOption("country-analyst");
  await filter.getByRole("button", { name: "Apply" }).click();
  await expect(adminPage).toHaveURL(/agent=country-analyst/);
  await expect(list.getByRole("row").filter({ hasText: "What is 12 * 12?" })).toHaveCount(0);
  await expect(adminPage.getByText(", agent country-analyst.")).toBeVisible();
  await filter.getByLabel("Agent").selectOption("");
  await filter.getByRole("button", { name: "Apply" }).click();
  await list.getByRole("row").filter({ hasText: "What is 12 * 12?" }).getByRole("link").click();
  await expect(adminPage).toHaveURL(new RegExp(`/admin/sessions/${sessionId}#run-${runId}$`));
  await expect(adminPage.getByRole("article", { name: `Run ${runId}` })).toBeInViewport();
});

test("users: disabling stops sign-in and API keys; enabling restores both; the last admin stays", async ({
  newContext,
  allowConsoleError,
}, testInfo) => {
  allowConsoleError(/status of 401/, "the browser logs the 401 of the page a disabled account opens");
  await adminPage.goto(`/admin/users?q=${frank.email}`);
  const row = adminPage.getByRole("row", { name: frank.email });
  await expect(row).toContainText("Member");
  // Asked first: dismissing changes nothing, accepting disables.
  adminPage.once("dialog", (dialog) => void dialog.dismiss());
  await row.getByRole("button", { name: `Disable ${frank.email}` }).click();
  await expect(row).not.toContainText("disabled");
  const asked = new Promise<string>((resolve) =>
    adminPage.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await row.getByRole("button", { name: `Disable ${frank.email}` }).click();
  expect(await asked).toContain(`Disable ${frank.email}?`);
  await expect(row).toContainText("disabled");

  await expectError(await frankPage.request.get("/api/agents", { headers: as(frankKey) }), 401, "unauthorized");
  expect((await frankPage.goto("/"))?.status()).toBe(401);
  await expect(frankPage.getByRole("heading", { name: "Account unavailable" })).toBeVisible();
  const fresh = await (await newContext()).newPage();
  await fresh.goto("/signin");
  await signIn(fresh, frank.email, frank.password);
  await expect(fresh.getByText("This account has been disabled. Ask an administrator to enable it again.")).toBeVisible();
  await expect(fresh).toHaveURL(/\/signin/);
  await signIn(fresh, frank.email, "not frank's password");
  await expect(fresh.getByText("Invalid email or password.")).toBeVisible();

  await row.getByRole("button", { name: `Enable ${frank.email}` }).click();
  await expect(row).not.toContainText("disabled");
  expect((await frankPage.request.get("/api/agents", { headers: as(frankKey) })).status()).toBe(200);
  await signIn(fresh, frank.email, frank.password);
  await expect(fresh.getByRole("heading", { name: "Pick an agent" })).toBeVisible();

  await adminPage.goto(`/admin/users?q=${admin.email}`);
  const self = adminPage.getByRole("row", { name: admin.email });
  adminPage.once("dialog", (dialog) => void dialog.accept());
  await self.getByRole("button", { name: `Make member ${admin.email}` }).click();
  await expect(self.getByRole("alert")).toContainText("last enabled admin");
  await expect(self).toContainText("Admin");
  await expect(self.getByRole("button", { name: `Disable ${admin.email}` })).toHaveCount(0);
  await adminPage.goto("/admin/users");
  await adminPage.screenshot({ path: testInfo.outputPath("admin-users.png"), fullPage: true });
});

test("passwords: an admin's one-time reset link sets a new one; Settings changes it with the current one", async ({
  newContext,
}, testInfo) => {
  await adminPage.goto(`/admin/users?q=${frank.email}`);
  const row = adminPage.getByRole("row", { name: frank.email });
  await row.getByRole("button", { name: `Reset password of ${frank.email}` }).click();
  const link = await row.getByLabel(`Reset link for ${frank.email}`).inputValue();
  expect(link).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
  await adminPage.screenshot({ path: testInfo.outputPath("admin-reset-link.png") });

  // Opened signed out, as Frank would: the new password signs him in; the link then is spent.
  const frankAgain = await (await newContext()).newPage();
  await frankAgain.goto(link);
  await frankAgain.getByLabel("New password").fill("frank's reset password");
  await frankAgain.getByRole("button", { name: "Set password" }).click();
  await expect(frankAgain.getByRole("heading", { name: "Pick an agent" })).toBeVisible();
  const stranger = await (await newContext()).newPage();
  await stranger.goto(link);
  await stranger.getByLabel("New password").fill("someone else's password");
  await stranger.getByRole("button", { name: "Set password" }).click();
  await expect(stranger.getByText("This link has expired or was already used. Ask an admin for a new one.")).toBeVisible();
  await stranger.goto("/signin");
  await signIn(stranger, frank.email, frank.password);
  await expect(stranger.getByText("Invalid email or password.")).toBeVisible();

  // Settings → Password: the current one first.
  await frankAgain.goto("/settings");
  await frankAgain.getByLabel("Current password").fill("not it at all");
  await frankAgain.getByLabel("New password").fill("frank's third password");
  await frankAgain.getByRole("button", { name: "Change password" }).click();
  await expect(frankAgain.getByText("That is not your current password.")).toBeVisible();
  await frankAgain.getByLabel("Current password").fill("frank's reset password");
  await frankAgain.getByLabel("New password").fill("frank's third password");
  await frankAgain.getByRole("button", { name: "Change password" }).click();
  await expect(frankAgain.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
  await frankAgain.screenshot({ path: testInfo.outputPath("settings-password-1280.png") });
  await frankAgain.setViewportSize({ width: 390, height: 844 });
  await frankAgain.screenshot({ path: testInfo.outputPath("settings-password-390.png") });
  await stranger.goto("/signin");
  await signIn(stranger, frank.email, "frank's third password");
  await expect(stranger.getByRole("heading", { name: "Pick an agent" })).toBeVisible();

  const api = await adminPage.request.post(
    `/api/admin/users/${(await (await adminPage.request.get(`/api/admin/users?q=${frank.email}`)).json()).users[0].id}/password-reset`,
  );
  expect(api.status()).toBe(201);
  expect(await api.json()).toMatchObject({ url: expect.stringMatching(/\/reset-password\?token=/), expires_at: expect.any(String) });
});

test("agents: loaded agents, MCP servers with status and tool count, reconnect", async ({}, testInfo) => {
  await adminPage.goto("/admin/agents");
  for (const agent of ["assistant", "country-analyst", "mcp-explorer"])
    await expect(adminPage.getByRole("listitem", { name: agent })).toBeVisible();
  // Which model really answers, with no OPENAI_API_KEY here.
  await expect(adminPage.getByRole("listitem", { name: "assistant" })).toContainText("answered by demo (configured: openai:gpt-4o-mini)");
  const server = adminPage.getByRole("row", { name: "everything" });
  await server.getByRole("button", { name: "Reconnect everything" }).click();
  await expect(server.locator("[data-state]")).toHaveAttribute("data-state", "connected");
  await expect(server.getByRole("cell").nth(3)).toHaveText(/^[1-9]\d*$/);
  const status = await (await adminPage.request.post("/api/admin/mcp/everything/reconnect")).json();
  expect(status).toMatchObject({ name: "everything", state: "connected" });
  expect(status.toolCount).toBeGreaterThan(0);
  await expectError(await adminPage.request.post("/api/admin/mcp/nope/reconnect"), 404, "not_found");
  await adminPage.screenshot({ path: testInfo.outputPath("admin-agents.png"), fullPage: true });
  await adminPage.goto("/admin");
  const users = (await (await adminPage.request.get("/api/admin/users")).json()).total;
  await expect(adminPage.getByRole("link", { name: `${users} Users` })).toBeVisible();
  await adminPage.screenshot({ path: testInfo.outputPath("admin-overview.png"), fullPage: true });
});

test("axe finds no serious or critical violations on the admin pages", async () => {
  for (const path of ["/admin", "/admin/sessions", `/admin/sessions/${sessionId}`, "/admin/runs", "/admin/users", "/admin/agents"]) {
    await adminPage.goto(path);
    await expect(adminPage.getByRole("main")).toBeVisible();
    await expectAccessible(adminPage);
  }
});

test("the curl examples of docs/ADMIN.md work as written", async ({ baseURL }) => {
  const key = (await (await adminPage.request.post("/api/keys", { data: { name: "admin docs" } })).json()).key;
  const frankId = (await (await adminPage.request.get(`/api/admin/users?q=${frank.email}`)).json()).users[0].id;
  const doc = await readFile("docs/ADMIN.md", "utf8");
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const script = ["set -euo pipefail", ...blocks.map((block, i) => `echo "--- example ${i + 1}"\n${block}`)].join("\n");
  const { stdout } = await promisify(execFile)("bash", ["-c", script], {
    env: { ...process.env, BASE: baseURL!, KEY: key, USER_ID: frankId },
    timeout: 60_000,
  });
  const [, sessions, csv, usage, user, reset, reconnect, metrics] = stdout.split(/--- example \d+\n/);
  expect(JSON.parse(sessions!)).toMatchObject({ page: 1, size: 20 });
  expect(csv!.split("\r\n")[0]).toBe("id,user_email,agent,title,created_at,last_active_at,message_count,last_run_status");
  expect(csv).toContain(sessionId);
  expect(JSON.parse(usage!).window.days).toBe(7);
  expect(JSON.parse(user!)).toMatchObject({ id: frankId, role: "USER", disabledAt: null });
  expect(JSON.parse(reset!)).toMatchObject({ url: expect.stringMatching(/^http:\/\/[^/]+\/reset-password\?token=[\w-]{43}$/) });
  expect(JSON.parse(reconnect!)).toMatchObject({ name: "everything", state: "connected" });
  expect(metrics).toMatch(/^agent_studio_runs_total\{agent="assistant",status="succeeded"\} [1-9]\d*$/m);
  expect(metrics).toContain("# TYPE agent_studio_run_duration_seconds histogram");
});
