import { noRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** OpenAI endpoints this server does not offer (embeddings, images, …): OpenAI's 404, which its SDKs read as NotFoundError. */
const notFound = noRoute("openai");

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
