import type { NextConfig } from "next";
// Validates the environment at `next dev`, `next build` and `next start`, naming any bad variable.
import "./lib/env";

/**
 * `next dev` serves its hot reload and other dev resources only to pages opened at localhost (or
 * at its -H host). The loopback addresses are the same machine, and AUTH_URL is where the app is
 * opened, so those may have them too. Production does not read this.
 */
function devOrigins() {
  const origins = ["127.0.0.1", "[::1]"];
  if (process.env.AUTH_URL && URL.canParse(process.env.AUTH_URL)) origins.push(new URL(process.env.AUTH_URL).hostname);
  return origins;
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // A self-contained server folder (.next/standalone, completed by scripts/build-standalone.ts): what
  // the Docker image and `npm run start:prod` run.
  output: "standalone",
  // sharp is left out of that folder: no next/image here.
  outputFileTracingExcludes: { "*": ["node_modules/@img/**", "node_modules/sharp/**"] },
  experimental: {
    // `forbidden()` answers admin pages with a real 403 for non-admins.
    authInterrupts: true,
    // `next dev` starts without Turbopack's cache of the previous run (.next/dev/cache). Restored
    // after a run that had compiled the signed-in pages, it answered each page's subscription to its
    // shared client chunks with a "restart" at once: the page reloaded, subscribed again, and so on
    // forever (Next 16.4.6; scripts/dev-reload.test.ts). No file changes in that loop, so no watch
    // option helps. Each start compiles the pages it serves afresh instead.
    turbopackFileSystemCacheForDev: false,
  },
};

export default nextConfig;
