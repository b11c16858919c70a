import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves `server-only` to an empty module on the server; so do the tests.
      "server-only": path.resolve(import.meta.dirname, "test/support/empty.ts"),
    },
  },
  test: {
    include: ["{lib,app,scripts,test}/**/*.test.ts"],
    environment: "node",
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    // Each file in its own process, one at a time: the embedded database takes one connection,
    // and a file's connection closes with its process.
    pool: "forks",
    isolate: true,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
