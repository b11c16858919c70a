import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";

/**
 * The API reference page (`/api/reference`): Swagger UI rendering /api/openapi.json, served from
 * this server (swagger-ui-dist), so it works where no CDN can be reached. The build copies these
 * files into the standalone output (scripts/build-standalone.ts).
 */
export const REFERENCE_DIR = path.join("node_modules", "swagger-ui-dist");
export const REFERENCE_ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

const loaded = new Map<string, Promise<Buffer>>();

export async function referenceAsset(name: string) {
  if (!Object.hasOwn(REFERENCE_ASSETS, name)) throw new AppError("not_found", `No file ${name} in the API reference.`);
  let body = loaded.get(name);
  if (!body) {
    body = readFile(path.join(REFERENCE_DIR, name));
    loaded.set(name, body);
    // A failed read (the file missing from a broken build) is tried again next time.
    body.catch(() => loaded.delete(name));
  }
  return new Response(new Uint8Array(await body), {
    headers: { "Content-Type": REFERENCE_ASSETS[name]!, "Cache-Control": "public, max-age=86400" },
  });
}

export function referencePage() {
  const asset = (name: string) => `/api/reference/${name}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Agent Studio API reference</title>
<link rel="stylesheet" href="${asset("swagger-ui.css")}">
</head>
<body>
<div id="reference"></div>
<script src="${asset("swagger-ui-bundle.js")}"></script>
<script>SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#reference", deepLinking: true, tryItOutEnabled: false });</script>
</body>
</html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" } });
}
