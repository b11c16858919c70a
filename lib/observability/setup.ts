import "server-only";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { registerTelemetry } from "ai";
import { env } from "@/lib/env";
import { modelCallSpans } from "./model-calls";

/**
 * Makes this process's spans real: a context manager (so spans nest across awaits), the W3C
 * `traceparent` propagator (so Next continues a caller's trace), the tracer provider handing spans to
 * `spanProcessors`, and model-call spans from the AI SDK. The tests call it with an in-memory exporter.
 */
export function registerTracing({ serviceName, spanProcessors }: { serviceName: string; spanProcessors: SpanProcessor[] }) {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const resource = defaultResource().merge(resourceFromAttributes({ "service.name": serviceName }));
  const provider = new TracerProvider({ resource, spanProcessors });
  trace.setGlobalTracerProvider(provider);
  registerTelemetry(modelCallSpans());
  return provider;
}

/**
 * Tracing is on only with OTEL_EXPORTER_OTLP_ENDPOINT: spans are batched and sent over OTLP/HTTP (the
 * exporter reads the endpoint, and OTEL_EXPORTER_OTLP_HEADERS, itself). Otherwise nothing is registered
 * and every span stays a no-op.
 */
export function startTracing() {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return registerTracing({
    serviceName: env.OTEL_SERVICE_NAME,
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
}
