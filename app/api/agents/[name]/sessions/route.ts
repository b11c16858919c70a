import { requireCaller } from "@/lib/auth/caller";
import { ApiError } from "@/lib/http/errors";
import { json, route } from "@/lib/http/route";
import { listQuerySchema } from "@/lib/http/schemas";
import { requireAgent } from "@/lib/runs/service";
import { listSessions } from "@/lib/runs/sessions";

export const dynamic = "force-dynamic";

export const GET = route<{ name: string }>(async (request, { name }) => {
  const caller = await requireCaller(request);
  await requireAgent(name);
  const query = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new ApiError("invalid_body", `${query.error.issues[0]!.path.join(".")}: ${query.error.issues[0]!.message}`);
  return json(await listSessions(caller, name, query.data));
});
