import { changeUser, userChangeSchema } from "@/lib/admin/users";
import { requireAdminCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `{ "role": "USER" | "ADMIN" }` and/or `{ "disabled": true | false }`. */
export const PATCH = route<{ id: string }>(async (request, { id }) => {
  const admin = await requireAdminCaller(request);
  const change = await readJson(request, userChangeSchema, env.BODY_LIMIT_BYTES);
  return json(await changeUser(admin, id, change));
});
