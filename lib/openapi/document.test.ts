import { readFile } from "node:fs/promises";
import { glob } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

// The browser's own routes, the catch-alls that answer 404 for paths no route claims, and the reference page.
const NOT_AN_API = [
  "/api/chat",
  "/api/chat/{sessionId}/stream",
  "/api/auth/{nextauth}",
  "/api/{path}",
  "/v1/{path}",
  "/api/reference",
  "/api/reference/{asset}",
];

/** Every route file's path and the methods it exports, in OpenAPI's path syntax. */
async function routeFiles() {
  const routes: Record<string, string[]> = {};
  for await (const file of glob("app/{api,v1}/**/route.ts")) {
    const path = `/${file.replace(/\/route\.ts$/, "")}`.replace(/^\/app/, "").replace(/\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}/g, "{$1}");
    const source = await readFile(file, "utf8");
    const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b|as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
      (m[1] ?? m[2])!.toLowerCase(),
    );
    routes[path] = methods.sort();
  }
  return routes;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(openApiDocument()) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has every public route file with every method it exports, and nothing else", async () => {
    const files = await routeFiles();
    for (const path of NOT_AN_API) {
      expect(files, path).toHaveProperty([path]);
      delete files[path];
    }
    const { paths } = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.fromEntries(
      Object.entries(paths)
        .filter(([path]) => path !== "/api/mcp")
        .map(([path, methods]) => [path, Object.keys(methods).sort()]),
    );
    // The MCP transport's route takes GET and DELETE too; the document describes the POST its clients start with.
    expect(files["/api/mcp"]).toEqual(["delete", "get", "post"]);
    delete files["/api/mcp"];
    expect(documented).toEqual(files);
  });

  it("references only schemas it defines, and says how each operation is authorised", () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { security: unknown[] }>>;
      components: { schemas: object };
    };
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of new Set(refs)) expect(document.components.schemas, name).toHaveProperty([name]);
    const open = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) => (operation.security.length === 0 ? [`${method} ${path}`] : [])),
    );
    expect(open.sort()).toEqual(["get /api/health", "get /api/openapi.json"]);
  });
});
