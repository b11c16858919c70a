/** Pages for the signed-out: sign-in and register (proxy.ts does not run for API routes at all). */
export const PUBLIC_PAGES = ["/signin", "/register"];
/** Pages for anyone, signed in or not: a reset link works whoever's browser opens it. */
export const OPEN_PAGES = ["/reset-password"];
