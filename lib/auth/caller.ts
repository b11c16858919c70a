import "server-only";
import { ensureUser, findUserById, type Caller } from "@/lib/db/users";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { userForApiKey } from "./api-keys";
import { auth } from "./index";

const DEV_USER_EMAIL = "dev@localhost";

function presentedKey(request: Request) {
  const header = request.headers.get("x-api-key");
  if (header) return header.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return bearer?.[1]?.trim();
}

const asCaller = ({ id, email, role }: Caller): Caller => ({ id, email, role });

/**
 * Who is calling the API: an API key (X-API-Key or Bearer), else the signed-in browser session,
 * else — only with AUTH_ENABLED=false in development — a local dev user. Otherwise 401.
 */
export async function requireCaller(request: Request): Promise<Caller> {
  const key = presentedKey(request);
  if (key) {
    const user = await userForApiKey(key);
    if (!user) throw new AppError("unauthorized", "Invalid, revoked or expired API key.");
    return asCaller(user);
  }
  const session = await auth();
  if (session?.user?.id) {
    const user = await findUserById(session.user.id);
    if (user && !user.disabledAt) return asCaller(user);
  }
  if (!env.AUTH_ENABLED) {
    return asCaller(await ensureUser(DEV_USER_EMAIL, "Local developer"));
  }
  throw new AppError("unauthorized", "Sign in, or send an API key: Authorization: Bearer <key>, or the X-API-Key header.");
}

/**
 * A caller signed in through the browser (or the local developer), never an API key: keys do not
 * create or revoke keys, so a leaked key cannot mint itself successors or lock its owner out of theirs.
 */
export async function requireSignedInCaller(request: Request): Promise<Caller> {
  const caller = await requireCaller(request);
  if (presentedKey(request))
    throw new AppError("forbidden", "API keys cannot create or revoke API keys. Sign in and use Settings → API keys.");
  return caller;
}

/** An admin caller (by the stored role), else 401 or 403. */
export async function requireAdminCaller(request: Request): Promise<Caller> {
  const caller = await requireCaller(request);
  if (caller.role !== "ADMIN") throw new AppError("forbidden", "This needs an admin account.");
  return caller;
}
