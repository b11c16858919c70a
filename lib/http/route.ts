import "server-only";
import { logger, type Logger } from "@/lib/log";
import { traceRequest } from "@/lib/observability/http";
import { markFailed } from "@/lib/observability/tracer";
import { isStorableText } from "./body";
import { AppError } from "@/lib/errors";
import { errorResponse, statusOf, type ErrorShape } from "./errors";
import { requestIdFrom } from "./request-id";

type Context<P> = { params: Promise<P> };
type Handler<P> = (request: Request, params: P, log: Logger) => Promise<Response>;

/**
 * Every API handler goes through here: a request id (taken from `x-request-id` or made, and echoed),
 * a logger carrying it, a span for the request, and one place that turns any error into the JSON
 * error response (in the shape of the door: ours, or OpenAI's for /v1).
 */
export function route<P extends Record<string, string | string[]> = Record<string, never>>(
  handler: Handler<P>,
  { errors = "ours" }: { errors?: ErrorShape } = {},
) {
  return async (request: Request, context: Context<P>) => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    const path = new URL(request.url).pathname;
    const log = logger.child({ requestId, method: request.method, path });
    return traceRequest({ method: request.method, path, requestId }, async (nameRoute, span) => {
      try {
        // Next passes no params at all to routes without dynamic segments.
        const params = ((await context?.params) ?? {}) as P;
        nameRoute(params);
        if (
          !Object.values(params)
            .flat()
            .every((value) => value === undefined || isStorableText(value))
        ) {
          throw new AppError("invalid_path", "The path must not contain NUL characters or unpaired surrogates.");
        }
        const response = await handler(request, params, log);
        response.headers.set("x-request-id", requestId);
        return response;
      } catch (error) {
        if (!AppError.isInstance(error) || statusOf(error) >= 500) {
          log.error({ err: error }, "request failed");
          markFailed(span, error);
        }
        return errorResponse(error, { "x-request-id": requestId }, errors);
      }
    });
  };
}

/** JSON that is never cached: every API answer depends on who asks and when. */
export function json(body: unknown, init: ResponseInit = {}) {
  return Response.json(body, { ...init, headers: { "Cache-Control": "no-store", ...init.headers } });
}

/** Any path of a door that no route claims: a JSON 404 in the door's shape, not the HTML page. */
export const noRoute = (errors: ErrorShape = "ours") =>
  route<{ path?: string[] }>(
    async (request) => {
      throw new AppError("not_found", `No API endpoint at ${request.method} ${new URL(request.url).pathname}.`);
    },
    { errors },
  );
