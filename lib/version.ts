import { version } from "@/package.json";

/** This build's version (package.json), as the OpenAPI document and the MCP server report it. */
export const VERSION = version;
