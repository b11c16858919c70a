import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { requireCaller, requireSignedInCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";
import { createKeySchema } from "@/lib/auth/schemas";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const caller = await requireCaller(request);
  return json({ keys: await listApiKeys(caller.id) });
});

/** The new key is in this response only; it is stored as a hash. */
export const POST = route(async (request) => {
  const caller = await requireSignedInCaller(request);
  const { name } = await readJson(request, createKeySchema, env.BODY_LIMIT_BYTES);
  return json(await createApiKey(caller.id, name), { status: 201 });
});
