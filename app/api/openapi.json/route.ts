import { json, route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the public API; no key needed (it holds no data, only shapes). */
export const GET = route(async () => json(openApiDocument()));
