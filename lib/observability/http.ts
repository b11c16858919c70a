import { SpanStatusCode, type Span } from "@opentelemetry/api";
import { ATTR } from "./attributes";
import { inSpan } from "./tracer";

export type RequestInfo = { method: string; path: string; requestId: string };

function decoded(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The route as a template, `/api/runs/[id]/events`, so span names stay few whatever the ids. Next
 * gives a handler its params but not its route, so each param (in order) replaces the first later
 * segment equal to it; only a param equal to a static segment before it (an agent named `agents`)
 * lands one place too early, still a short list of names.
 */
export function routeTemplate(path: string, params: Record<string, unknown>) {
  const segments = path.split("/");
  let from = 0;
  for (const [name, value] of Object.entries(params)) {
    // A catch-all's segments, `[...path]`, are the path's last ones.
    const [first, placeholder, count] = Array.isArray(value) ? [value[0], `[...${name}]`, value.length] : [value, `[${name}]`, 1];
    const at = segments.findIndex((segment, i) => i >= from && decoded(segment) === first);
    if (at < 0) continue;
    segments.splice(at, count, placeholder);
    from = at + 1;
  }
  return segments.join("/");
}

type NameRoute = (params: Record<string, unknown>) => void;

/**
 * A span around one API request, named after its route once `nameRoute` has the params. It covers
 * the handler up to its response: a streamed body goes on after it ends.
 */
export function traceRequest({ method, path, requestId }: RequestInfo, handle: (nameRoute: NameRoute, span: Span) => Promise<Response>) {
  const attributes = { [ATTR.httpMethod]: method, [ATTR.urlPath]: path, [ATTR.requestId]: requestId };
  return inSpan(`${method} ${path}`, { attributes }, async (span) => {
    const nameRoute = (params: Record<string, unknown>) => {
      const route = routeTemplate(path, params);
      span.updateName(`${method} ${route}`);
      span.setAttribute(ATTR.httpRoute, route);
    };
    const response = await handle(nameRoute, span);
    span.setAttribute(ATTR.httpStatus, response.status);
    // As OpenTelemetry's HTTP conventions say for servers: a 4xx is the client's error, not ours.
    if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  });
}
