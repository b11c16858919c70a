import { checkHealth, healthStatusCode } from "@/lib/health";
import { json, route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await checkHealth();
  return json(health, { status: healthStatusCode(health) });
});
