export { auth as proxy } from "@/lib/auth";

export const config = {
  // Pages only: API routes (ours under /api, the OpenAI-compatible ones under /v1) answer for
  // themselves (JSON 401s, API keys), static assets need no session.
  matcher: ["/((?!api(?:/|$)|v1(?:/|$)|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|ico|webp)$).*)"],
};
