import { describe, expect, it, vi } from "vitest";

// No provider has its key here (an empty value counts as unset), whatever the shell running the tests has.
vi.hoisted(() => {
  for (const variable of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY"]) process.env[variable] = "";
});

const { demoNotice, missingModelKeys } = await import("./agent-view");

describe("the demo model's notice", () => {
  it.each([
    ["openai:gpt-4o-mini", "OPENAI_API_KEY"],
    ["anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY"],
    ["google:gemini-2.5-flash", "GOOGLE_GENERATIVE_AI_API_KEY"],
  ])("tells an admin of an agent on %s to set %s, and no other provider's key", (model, variable) => {
    const notice = demoNotice(model, "ADMIN");
    expect(notice).toBe(`No ${variable} is configured, so the built-in demo model answers instead of ${model}.`);
  });

  it("tells a member only that answers are simulated, and says nothing of a model that answers itself", () => {
    expect(demoNotice("anthropic:claude-sonnet-4-5", "USER")).toBe(
      "This agent runs on the built-in demo model: answers are simulated from real tool results.",
    );
    expect(demoNotice("demo", "ADMIN")).toBe("This agent runs on the built-in demo model: answers are simulated from real tool results.");
  });
});

describe("the variables missing for a list of agents", () => {
  it("names each provider's key once, and none for the demo model or a provider that has its key", () => {
    expect(missingModelKeys(["openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "openai:gpt-4.1", "demo"])).toEqual([
      "OPENAI_API_KEY",
      "ANTHROPIC_API_KEY",
    ]);
  });
});
