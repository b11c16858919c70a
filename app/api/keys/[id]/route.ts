import { revokeApiKey } from "@/lib/auth/api-keys";
import { requireSignedInCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string }>(async (request, { id }) => {
  const caller = await requireSignedInCaller(request);
  if (!(await revokeApiKey(caller.id, id))) throw new AppError("not_found", "No such API key.");
  return new Response(null, { status: 204 });
});
