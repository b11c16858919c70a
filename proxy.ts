export { auth as proxy } from "@/lib/auth";

export const config = {
  // Pages only: API routes answer for themselves (JSON 401s, API keys), static assets need no session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|ico|webp)$).*)"],
};
