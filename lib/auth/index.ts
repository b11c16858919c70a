import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { oauthAdapter, touchUser } from "@/lib/db/users";
import { env } from "@/lib/env";
import { requestAddress } from "@/lib/http/client-address";
import { logger } from "@/lib/log";
import { authenticate } from "./credentials";
import { OPEN_PAGES, PUBLIC_PAGES } from "./paths";

const githubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Self-hosted behind proxies: the Host header is trusted, as on Vercel.
  trustHost: true,
  logger: {
    // A wrong password is an answer, not a server error worth a stack trace in the logs.
    error: (error) => {
      if ((error as { type?: string }).type !== "CredentialsSignin") logger.error({ err: error }, "Auth.js failed");
    },
  },
  session: { strategy: "jwt" },
  pages: { signIn: "/signin" },
  adapter: githubEnabled ? oauthAdapter() : undefined,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (credentials, request) => authenticate(credentials, requestAddress(request.headers)),
    }),
    ...(githubEnabled ? [GitHub] : []),
  ],
  events: {
    signIn: async ({ user }) => {
      if (user.id) await touchUser(user.id);
    },
  },
  callbacks: {
    signIn: ({ user }) => !(user as { disabledAt?: Date | null }).disabledAt,
    jwt({ token, user }) {
      if (user?.id) {
        token.id = user.id;
        token.role = user.role ?? "USER";
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.id;
      session.user.role = token.role;
      return session;
    },
    /** Used by proxy.ts on every page: everything but sign-in and register needs a session. */
    authorized({ auth: session, request }) {
      const { pathname } = request.nextUrl;
      if (OPEN_PAGES.includes(pathname)) return true;
      if (!PUBLIC_PAGES.includes(pathname)) {
        if (session?.user) return true;
        // A relative callbackUrl: an absolute one carries whatever host Next believes it has, which
        // behind a proxy (or on localhost vs 127.0.0.1) is not the one the browser has cookies for.
        const signIn = new URL("/signin", request.nextUrl);
        signIn.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
        return Response.redirect(signIn);
      }
      // Signed-in users have no business on the sign-in and register pages.
      return session?.user ? Response.redirect(new URL("/", request.nextUrl)) : true;
    },
  },
});

export const providers = { credentials: true, github: githubEnabled };
