import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { SequencedEvent } from "@/lib/agent/events";
import { readJson } from "./body";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./errors";
import { encodeSseEvent, resumeAfter } from "./sse";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(AppError.isInstance(error)).toBe(true);
  return error as AppError;
}

describe("readJson", () => {
  const schema = z.object({ query: z.string() });

  it("parses and validates", async () => {
    expect(await readJson(post('{"query":"hi"}'), schema, 1024)).toEqual({ query: "hi" });
  });

  it("refuses NUL and unpaired surrogates anywhere, naming where, before the schema sees them", async () => {
    const loose = z.object({ query: z.string(), params: z.record(z.string(), z.unknown()).optional() });
    const nul = await rejection(readJson(post('{"query":"hi","params":{"country":"F\\u0000R"}}'), loose, 1024));
    expect([nul.code, nul.message]).toEqual(["invalid_body", "params.country: must not contain NUL characters or unpaired surrogates."]);
    const surrogate = await rejection(readJson(post('{"query":"hi \\ud800"}'), loose, 1024));
    expect(surrogate.message).toBe("query: must not contain NUL characters or unpaired surrogates.");
    expect((await rejection(readJson(post('{"query":"hi","params":{"a\\u0000":1}}'), loose, 1024))).code).toBe("invalid_body");
    expect(await readJson(post('{"query":"emoji \\ud83d\\ude00"}'), loose, 1024)).toEqual({ query: "emoji 😀" });
  });

  it("answers 413 over the limit, by header or by actual size", async () => {
    expect((await rejection(readJson(post("x".repeat(10), { "content-length": "5000" }), schema, 1024))).code).toBe("payload_too_large");
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(200)));
        controller.close();
      },
    });
    expect((await rejection(readJson(post(stream), schema, 1024))).code).toBe("payload_too_large");
  });

  it("answers 400 for malformed JSON and names the failing field", async () => {
    expect((await rejection(readJson(post("{nope"), schema, 1024))).code).toBe("invalid_json");
    const wrong = await rejection(readJson(post('{"query": 42}'), schema, 1024));
    expect(wrong.code).toBe("invalid_body");
    expect(wrong.message).toMatch(/^query: /);
  });
});

describe("errors", () => {
  it("map codes to statuses and never leak internals", async () => {
    const notFound = errorResponse(new AppError("not_found", 'No agent named "x".'));
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: "not_found", message: 'No agent named "x".' } });

    const crash = errorResponse(new Error("secret stack detail at /work/main/lib/x.ts:12"));
    expect(crash.status).toBe(500);
    expect(JSON.stringify(await crash.json())).not.toContain("secret");

    const down = errorResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(down.status).toBe(503);

    const limited = errorResponse(new AppError("rate_limited", "Slow down.", 12));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("12");
  });
});

describe("SSE", () => {
  it("encodes an event as id, event and one data line", () => {
    const event: SequencedEvent = { type: "text", content: "two\nlines", seq: 7 };
    expect(encodeSseEvent(event)).toBe('id: 7\nevent: text\ndata: {"content":"two\\nlines"}\n\n');
  });

  it("resumes after Last-Event-ID, else ?after=, else from the start", () => {
    expect(resumeAfter(new Request("http://x/e", { headers: { "Last-Event-ID": "12" } }))).toBe(12);
    expect(resumeAfter(new Request("http://x/e?after=5"))).toBe(5);
    expect(resumeAfter(new Request("http://x/e?after=2147483647"))).toBe(2147483647);
    expect(resumeAfter(new Request("http://x/e"))).toBe(0);
    expect(resumeAfter(new Request("http://x/e?after="))).toBe(0);
  });

  it("refuses a resume point that cannot be an event id with a 400", () => {
    for (const value of ["-3", "2147483648", "99999999999999999999", "1e3", "abc", "1.5"]) {
      const error = (() => {
        try {
          return resumeAfter(new Request("http://x/e", { headers: { "Last-Event-ID": value } }));
        } catch (caught) {
          return caught;
        }
      })();
      expect(AppError.isInstance(error) && error.code, value).toBe("invalid_body");
    }
  });
});
