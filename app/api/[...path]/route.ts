import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Any /api path no route claims: a JSON 404, not the HTML page. */
const notFound = route<{ path: string[] }>(async (request) => {
  throw new AppError("not_found", `No API endpoint at ${new URL(request.url).pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
