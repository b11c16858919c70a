import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { requireAdminCaller } from "./caller";
import { env } from "@/lib/env";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compared as digests, so the time taken tells nothing about the token, not even its length. */
function isMetricsToken(request: Request, token: string) {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  return bearer !== undefined && timingSafeEqual(digest(bearer), digest(token));
}

/**
 * Who may read /api/metrics: a scraper sending METRICS_TOKEN as its bearer token, or an admin (API
 * key or session). Any other bearer is tried as an API key, so a wrong one is a 401.
 */
export async function requireMetricsReader(request: Request) {
  if (env.METRICS_TOKEN && isMetricsToken(request, env.METRICS_TOKEN)) return;
  await requireAdminCaller(request);
}
