import http, { type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { BlockList } from "node:net";
import { clientAddress } from "./client-address";
import { shapedErrorBody, type ErrorShape } from "./errors";
import type { AppErrorCode } from "@/lib/errors";
import { requestIdFrom } from "./request-id";

// What Next's route handlers can be asked; anything else fails inside Next before any handler runs
// (TRACE even as a 500: the fetch API refuses to build a Request for it).
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function answer(
  response: ServerResponse,
  shape: ErrorShape,
  [status, code, message]: [number, AppErrorCode, string],
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify(shapedErrorBody(shape, code, message));
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  response.end(body);
}

/** Next decodes the path's segments for the route's params and fails on a malformed escape. */
function isDecodable(url: string) {
  try {
    decodeURIComponent(url.split("?", 1)[0]!);
    return true;
  } catch {
    return false;
  }
}

/**
 * Next answers a method a route does not export with an empty 405 (no route of ours answers 405):
 * say it in the API's words. The body goes with the end Next calls after the headers.
 */
function explainEmpty405(request: IncomingMessage, response: ServerResponse, shape: ErrorShape) {
  const writeHead = response.writeHead as (...args: unknown[]) => ServerResponse;
  const end = response.end as (...args: unknown[]) => ServerResponse;
  let body: string | undefined;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (args[0] === 405) {
      body = JSON.stringify(shapedErrorBody(shape, "method_not_allowed", `${request.method} is not supported here.`));
      this.setHeader("Content-Type", "application/json");
      this.setHeader("Content-Length", Buffer.byteLength(body));
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (body === undefined || (args[0] != null && typeof args[0] !== "function")) return end.apply(this, args);
    const text = body;
    body = undefined;
    return end.call(this, text);
  } as ServerResponse["end"];
}

/**
 * Every request, before Next: the client's address (see client-address.ts) in X-Forwarded-For, a
 * request id on every API request and its answer, and a JSON error for what Next itself would
 * answer with a bare 400, 405 or 500 (a method it does not route, a path that does not decode).
 * True when the request was answered here.
 */
export function admit(request: IncomingMessage, response: ServerResponse, trusted: BlockList) {
  const forwarded = request.headers["x-forwarded-for"];
  request.headers["x-forwarded-for"] = clientAddress(
    request.socket.remoteAddress ?? "",
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  );
  delete request.headers["x-real-ip"];
  const url = request.url ?? "/";
  const shape = doorOf(url);
  if (!shape) return false;

  const given = request.headers["x-request-id"];
  const requestId = requestIdFrom(typeof given === "string" ? given : undefined);
  request.headers["x-request-id"] = requestId;
  response.setHeader("x-request-id", requestId);
  if (!METHODS.has(request.method ?? "")) {
    answer(response, shape, [405, "method_not_allowed", `${request.method} is not supported.`], { Allow: [...METHODS].join(", ") });
    return true;
  }
  if (!isDecodable(url)) {
    answer(response, shape, [400, "invalid_path", "The path is not valid percent-encoded UTF-8."]);
    return true;
  }
  explainEmpty405(request, response, shape);
  return false;
}

/** The API door a path is of (errors in its shape), if any: ours at /api, OpenAI's at /v1. */
function doorOf(url: string): ErrorShape | undefined {
  const path = url.split("?", 1)[0]!;
  if (path === "/api" || path.startsWith("/api/")) return "ours";
  if (path === "/v1" || path.startsWith("/v1/")) return "openai";
  return undefined;
}

/**
 * Puts `admit` in front of the request listener of every HTTP server made from here on. Called by
 * the production entry before it loads Next's server, which makes its own with http.createServer.
 */
export function installFrontDoor(trusted: BlockList) {
  const createServer = http.createServer as (...args: unknown[]) => http.Server;
  http.createServer = ((...args: unknown[]) => {
    const at = args.findIndex((arg) => typeof arg === "function");
    const listener = args[at] as RequestListener;
    if (at >= 0)
      args[at] = (request: IncomingMessage, response: ServerResponse) => admit(request, response, trusted) || listener(request, response);
    return createServer(...args);
  }) as typeof http.createServer;
}
