import { describe, expect, it } from "vitest";
import { runRequestSchema } from "./request";

describe("chat requests", () => {
  it("accept unicode and refuse control characters, empty and oversized queries", () => {
    expect(runRequestSchema.safeParse({ query: "¿Qué tal? 你好 👋" }).success).toBe(true);
    expect(runRequestSchema.safeParse({ query: "line one\nline two\ttab" }).success).toBe(true);
    for (const query of ["nul\u0000byte", "bell\u0007", "   ", "x".repeat(20_001)]) {
      expect(runRequestSchema.safeParse({ query }).success, JSON.stringify(query.slice(0, 20))).toBe(false);
    }
    expect(runRequestSchema.safeParse({ query: "hi", session_id: "x".repeat(5000) }).success).toBe(false);
    expect(runRequestSchema.safeParse({ query: "hi", extra: true }).success).toBe(false);
  });
});
