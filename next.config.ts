import type { NextConfig } from "next";
// Validates the environment at `next dev`, `next build` and `next start`, naming any bad variable.
import "./lib/env";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A self-contained server folder (.next/standalone, completed by scripts/build-standalone.ts): what
  // the Docker image and `npm run start:prod` run.
  output: "standalone",
  // sharp is left out of that folder: no next/image here.
  outputFileTracingExcludes: { "*": ["node_modules/@img/**", "node_modules/sharp/**"] },
  // `forbidden()` answers admin pages with a real 403 for non-admins.
  experimental: { authInterrupts: true },
};

export default nextConfig;
