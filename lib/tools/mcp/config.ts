import "server-only";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { messageOf } from "../errors";

/**
 * `mcp.json`, in the shape desktop MCP clients use: `{ "mcpServers": { "<name>": stdio | http } }`.
 * An entry with a `url` is a Streamable HTTP server; any other is a command to run over stdio.
 */

const SERVER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

const stringMap = z.record(z.string(), z.string());

const stdioServerSchema = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: stringMap.optional(),
  cwd: z.string().optional(),
});

const httpServerSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }),
  headers: stringMap.optional(),
});

export type StdioServerConfig = z.infer<typeof stdioServerSchema>;
export type HttpServerConfig = z.infer<typeof httpServerSchema>;
export type McpServerConfig = StdioServerConfig | HttpServerConfig;

const fileSchema = z.object({ mcpServers: z.record(z.string(), z.unknown()) });

export function isHttpServer(config: McpServerConfig): config is HttpServerConfig {
  return "url" in config;
}

function schemaFor(entry: unknown) {
  return typeof entry === "object" && entry !== null && "url" in entry ? httpServerSchema : stdioServerSchema;
}

/** What did not load, and why: the message names the field. */
type ConfigError = { file: string; message: string };

function issueErrors(file: string, prefix: PropertyKey[], issues: z.ZodError["issues"]): ConfigError[] {
  return issues.map((issue) => ({ file, message: `${[...prefix, ...issue.path].map(String).join(".")}: ${issue.message}` }));
}

/**
 * Servers from `file`. Each entry is validated on its own, so one bad entry costs only itself;
 * `errors` names the file and the field. A missing file means no servers.
 */
export async function loadMcpConfig(file: string): Promise<{ servers: Record<string, McpServerConfig>; errors: ConfigError[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return { servers: {}, errors: [] };
    return { servers: {}, errors: [{ file, message: messageOf(error) }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { servers: {}, errors: [{ file, message: `invalid JSON: ${messageOf(error)}` }] };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return { servers: {}, errors: issueErrors(file, [], parsed.error.issues) };

  const servers: Record<string, McpServerConfig> = {};
  const errors: ConfigError[] = [];
  for (const [name, entry] of Object.entries(parsed.data.mcpServers)) {
    if (!SERVER_NAME.test(name)) {
      errors.push({ file, message: `mcpServers.${name}: server names must match ${SERVER_NAME.source}` });
      continue;
    }
    const result = schemaFor(entry).safeParse(entry);
    if (result.success) servers[name] = result.data;
    else errors.push(...issueErrors(file, ["mcpServers", name], result.error.issues));
  }
  return { servers, errors };
}

export type PublicServerInfo = { name: string; transport: "stdio" | "http"; host?: string };

/** What may be shown to users: never the command, args, env or headers, which may hold secrets. */
export function publicServerInfo(name: string, config: McpServerConfig): PublicServerInfo {
  // `host` leaves out any user:password@ of the URL.
  return isHttpServer(config) ? { name, transport: "http", host: new URL(config.url).host } : { name, transport: "stdio" };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `values` with each `${VAR}` replaced from `source`. Done at connect time, so a variable set after
 * the file was loaded counts. Empty counts as unset, as in lib/env.ts.
 */
export function substituteVariables(
  values: Record<string, string> | undefined,
  field: "env" | "headers",
  source: Record<string, string | undefined> = process.env,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [
      key,
      value.replace(VARIABLE, (_, variable: string) => {
        const resolved = source[variable];
        if (!resolved) throw new Error(`environment variable ${variable} (used in ${field}.${key}) is not set`);
        return resolved;
      }),
    ]),
  );
}
