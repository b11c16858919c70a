import { route } from "@/lib/http/route";
import { referenceAsset } from "@/lib/openapi/reference";

export const dynamic = "force-dynamic";

/** The reference page's script and styles. */
export const GET = route<{ asset: string }>(async (_request, { asset }) => referenceAsset(asset));
