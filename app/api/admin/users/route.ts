import { listUsers, userListSchema } from "@/lib/admin/users";
import { requireAdminCaller } from "@/lib/auth/caller";
import { readQuery } from "@/lib/http/body";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  await requireAdminCaller(request);
  return json(await listUsers(readQuery(request, userListSchema)));
});
