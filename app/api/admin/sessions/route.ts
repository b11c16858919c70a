import { sessionFiltersSchema } from "@/lib/admin/session-filters";
import { listAdminSessions } from "@/lib/db/sessions";
import { requireAdminCaller } from "@/lib/auth/caller";
import { readQuery } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Every user's sessions: filters, sort and page as in the admin page's URL. */
export const GET = route(async (request) => {
  await requireAdminCaller(request);
  return json(await listAdminSessions(readQuery(request, sessionFiltersSchema)));
});
