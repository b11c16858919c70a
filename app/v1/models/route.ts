import { requireCaller } from "@/lib/auth/caller";
import { json, route } from "@/lib/http/route";
import { listModels } from "@/lib/openai/models";

export const dynamic = "force-dynamic";

/** The OpenAI-compatible model list: one model per agent (Authorization: Bearer <API key>). */
export const GET = route(
  async (request) => {
    await requireCaller(request);
    return json(await listModels());
  },
  { errors: "openai" },
);
