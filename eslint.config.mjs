import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * `npm run lint` (also run by `npm test`): JavaScript's and TypeScript's recommended rules, Next's
 * (React, hooks, accessibility, Core Web Vitals). The layers are held by dependency-cruiser
 * (.dependency-cruiser.cjs), the formatting by Prettier.
 */
export default defineConfig([
  globalIgnores([".next/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".data/**"]),
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    // Playwright reads a test's fixtures from its first parameter, which must be a destructuring
    // pattern even when the test takes none (`async ({}, testInfo) => …`); a fixture hands its
    // value on with `use`, which is no React hook.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": "off", "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The server logs through pino (lib/log): JSON with the request id, levels and redaction.
    // Scripts talk to a terminal and tests may print; both are left out.
    files: ["lib/**", "app/**", "components/**", "instrumentation.ts", "proxy.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-console": "error" },
  },
  {
    rules: {
      // `_`-prefixed names are the deliberate way to leave an argument unused.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
]);
