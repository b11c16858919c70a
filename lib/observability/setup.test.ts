import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env reads the environment when it loads: each case loads the modules afresh.
async function load() {
  vi.resetModules();
  const { startTracing } = await import("./setup");
  const { inSpan } = await import("./tracer");
  return { startTracing, inSpan };
}

/** A stand-in OTLP/HTTP collector on loopback, keeping what it is sent. */
async function collector() {
  const received: { path: string; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("startTracing", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // Runs first: once a provider is registered, it stays for the process.
  it("registers nothing without OTEL_EXPORTER_OTLP_ENDPOINT: spans are no-ops", async () => {
    vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", "");
    const { startTracing, inSpan } = await load();
    expect(startTracing()).toBeUndefined();
    expect(await inSpan("work", {}, async (span) => span.isRecording())).toBe(false);
  });

  it("exports spans over OTLP/HTTP to the endpoint, with the service name", async () => {
    const otlp = await collector();
    vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.url);
    vi.stubEnv("OTEL_SERVICE_NAME", "studio-under-test");
    const { startTracing, inSpan } = await load();
    const provider = startTracing();
    expect(provider).toBeDefined();
    expect(await inSpan("work", {}, async (span) => span.isRecording())).toBe(true);
    await provider!.forceFlush();
    await provider!.shutdown();
    await otlp.close();
    expect(otlp.received.map((request) => request.path)).toEqual(["/v1/traces"]);
    const body = otlp.received[0]!.body;
    expect(body).toContain('"name":"work"');
    expect(body).toContain('"stringValue":"studio-under-test"');
  });
});
