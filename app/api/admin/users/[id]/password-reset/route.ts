import { requireAdminCaller } from "@/lib/auth/caller";
import { issuePasswordReset } from "@/lib/auth/passwords";
import { env } from "@/lib/env";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** A one-time link for the user to set a new password, for the admin to hand them; it is in this response only. */
export const POST = route<{ id: string }>(async (request, { id }) => {
  const admin = await requireAdminCaller(request);
  const { path, expiresAt } = await issuePasswordReset(admin, id);
  return json({ url: new URL(path, env.AUTH_URL ?? request.url).href, expires_at: expiresAt }, { status: 201 });
});
