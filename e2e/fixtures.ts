import { test as base, expect, type BrowserContext, type BrowserContextOptions } from "@playwright/test";
import { stateOf, type Account } from "./users";

type WorkerFixtures = {
  /** What the browser reported as an error, in any context this worker opened, not yet checked by a test. */
  browserErrors: string[];
  /** A new browser context, signed in as `as` when given, watched for errors; closed with the worker. */
  newContext: (options?: BrowserContextOptions & { as?: Account }) => Promise<BrowserContext>;
};

type TestFixtures = {
  /**
   * Every test fails on a browser console error or an uncaught page error, unless it allowed the
   * error here: only one it causes on purpose, with the reason (listed in the report).
   */
  allowConsoleError: (pattern: RegExp, reason: string) => void;
};

function watch(context: BrowserContext, errors: string[]) {
  context.on("console", (message) => {
    if (message.type() === "error") errors.push(`console error: ${message.text()} (at ${message.location().url})`);
  });
  context.on("weberror", (error) => errors.push(`uncaught: ${error.error().stack ?? error.error().message}`));
}

/** Every spec's `test`: signed-in contexts from the states users.setup.ts saved, and no browser error unnoticed. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  browserErrors: [async ({}, use) => use([]), { scope: "worker" }],
  newContext: [
    async ({ browser, browserErrors }, use) => {
      const contexts: BrowserContext[] = [];
      await use(async ({ as, ...options } = {}) => {
        const context = await browser.newContext({ ...options, storageState: as && stateOf(as) });
        watch(context, browserErrors);
        contexts.push(context);
        return context;
      });
      await Promise.all(contexts.map((context) => context.close()));
    },
    { scope: "worker" },
  ],
  // The default `page` fixture's context is watched too.
  context: async ({ context, browserErrors }, use) => {
    watch(context, browserErrors);
    await use(context);
  },
  allowConsoleError: [
    async ({ browserErrors }, use, testInfo) => {
      const allowed: { pattern: RegExp; reason: string }[] = [];
      await use((pattern, reason) => void allowed.push({ pattern, reason }));
      const unexpected: string[] = [];
      for (const error of browserErrors.splice(0)) {
        const allowance = allowed.find(({ pattern }) => pattern.test(error));
        if (allowance) testInfo.annotations.push({ type: "allowed browser error", description: `${error}: ${allowance.reason}` });
        else unexpected.push(error);
      }
      expect(unexpected, "browser console errors and uncaught page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
