import "server-only";
import { publicAgentConfig } from "@/lib/agent/config";
import { AppError } from "@/lib/errors";
import { answeringModel, runtime } from "@/lib/runs/runtime";

/**
 * The loaded agents (each with the model answering it, and the key it lacks when the demo model stands
 * in), the files that failed to load and why, and each MCP server's connection.
 */
export async function agentsStatus() {
  const loaded = await runtime().agents();
  return {
    agents: [...loaded.agents.values()].map(({ config }) => {
      const { id, missing } = answeringModel(config.model);
      return { ...publicAgentConfig(config), answeredBy: id, missingKey: missing };
    }),
    errors: loaded.errors,
    servers: loaded.mcp.status(),
  };
}

/**
 * Drops and re-opens one MCP server's connection and lists its tools again. A server that still
 * fails is not an error of this request: its status says what went wrong.
 */
export async function reconnectServer(name: string) {
  const { mcp } = await runtime().agents();
  const status = () => mcp.status().find((server) => server.name === name);
  if (!status()) throw new AppError("not_found", `No MCP server named "${name}".`);
  await mcp
    .reconnect(name)
    .then(() => mcp.listTools(name))
    .catch(() => {});
  return status()!;
}
