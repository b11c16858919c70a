import { route } from "@/lib/http/route";
import { referencePage } from "@/lib/openapi/reference";

export const dynamic = "force-dynamic";

/** The API reference, rendered from /api/openapi.json; open to all, like the document. */
export const GET = route(async () => referencePage());
