import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseToolRef } from "@/lib/tools/refs";
import { agentConfigSchema, type AgentConfig } from "./config";

type AgentLoadError = { file: string; message: string };
type LoadedAgents = { agents: Map<string, AgentConfig>; errors: AgentLoadError[] };

/** What agent files may name: built-in tools, mcp.json's servers, model providers (built-in and configured endpoints). */
type Known = { builtins: ReadonlySet<string>; mcpServers: ReadonlySet<string>; providers: ReadonlySet<string> };

/** Why a tool reference cannot be served, or undefined when it can (MCP tool names are checked on connect). */
function unknownTool(ref: string, known: Known) {
  const { server } = parseToolRef(ref);
  if (server === undefined) return known.builtins.has(ref) ? undefined : `unknown built-in tool "${ref}"`;
  return known.mcpServers.has(server) ? undefined : `unknown MCP server "${server}" (not in mcp.json)`;
}

function parseAgent(file: string, text: string, known: Known): AgentConfig | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`;
  }
  const parsed = agentConfigSchema.safeParse(json);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  }
  const agent = parsed.data;
  const expectedName = path.basename(file, ".json");
  if (agent.name !== expectedName) return `name: "${agent.name}" must match the file name "${expectedName}"`;
  const problems = agent.tools.flatMap((ref, i) => {
    const problem = unknownTool(ref, known);
    return problem ? [`tools.${i}: ${problem}`] : [];
  });
  for (const field of ["model", "fallback_model"] as const) {
    const provider = agent[field]?.split(":", 1)[0];
    if (provider !== undefined && !known.providers.has(provider))
      problems.push(
        `${field}: unknown provider "${provider}" (${[...known.providers].join(", ")}; a server of your own: ENDPOINT_<NAME>_BASE_URL)`,
      );
  }
  return problems.length ? problems.join("; ") : agent;
}

/**
 * Every `*.json` in `dir`. A broken file is reported (file and field) and skipped; the others load,
 * so one typo never takes every agent down.
 */
export async function loadAgents(dir: string, known: Known): Promise<LoadedAgents> {
  const agents = new Map<string, AgentConfig>();
  const errors: AgentLoadError[] = [];
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return { agents, errors: [{ file: dir, message: "agents directory not found" }] };
  }
  for (const name of files) {
    const file = path.join(dir, name);
    const result = parseAgent(file, await readFile(file, "utf8"), known);
    if (typeof result === "string") errors.push({ file, message: result });
    else agents.set(result.name, result);
  }
  return { agents, errors };
}
