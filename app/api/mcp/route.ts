import { requireCaller } from "@/lib/auth/caller";
import { route } from "@/lib/http/route";
import { handleMcpRequest } from "@/lib/mcp-server/sessions";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** The agents as MCP tools over Streamable HTTP (Authorization: Bearer <API key>). */
const mcp = route(async (request) => handleMcpRequest(request, await requireCaller(request)));

export { mcp as GET, mcp as POST, mcp as DELETE };
