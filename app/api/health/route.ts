import { checkHealth, healthStatusCode } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: healthStatusCode(health), headers: { "Cache-Control": "no-store" } });
}
