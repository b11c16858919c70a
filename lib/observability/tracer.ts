import { SpanStatusCode, trace, type Span, type SpanOptions } from "@opentelemetry/api";

/**
 * The app's tracer. Until a tracer provider is registered (lib/observability/setup.ts, only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set) it hands out no-op spans, so instrumented code costs next to nothing.
 */
export const tracer = trace.getTracer("agent-studio");

export function markFailed(span: Span, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  span.recordException(error instanceof Error ? error : message);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/**
 * Runs `fn` in a new active span, so spans started inside it become its children, and ends the span
 * when `fn` settles. A throw marks the span failed and goes on.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
