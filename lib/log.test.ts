import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

describe("logs", () => {
  it("redact keys, passwords and credential headers wherever they appear", () => {
    let written = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += chunk;
        done();
      },
    });
    createLogger(sink).info(
      {
        key: "as_secret-one",
        user: { password: "hunter2-password" },
        request: { headers: { authorization: "Bearer as_secret-two", "x-api-key": "as_secret-three", cookie: "authjs.session-token=abc" } },
        runId: "run-1",
      },
      "request failed",
    );
    expect(written).toContain('"runId":"run-1"');
    expect(written).toContain("[redacted]");
    for (const secret of ["as_secret-one", "hunter2-password", "as_secret-two", "as_secret-three", "authjs.session-token"]) {
      expect(written).not.toContain(secret);
    }
  });
});
