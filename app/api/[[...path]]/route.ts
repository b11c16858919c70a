import { noRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const notFound = noRoute();

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
