/** Pages reachable without signing in (proxy.ts does not run for API routes at all). */
export const PUBLIC_PAGES = ["/signin", "/register"];
