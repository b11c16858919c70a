import { describe, expect, it } from "vitest";
import { routeTemplate } from "./http";

describe("routeTemplate", () => {
  it("puts each param's name where its value is", () => {
    expect(routeTemplate("/api/runs/cm123/events", { id: "cm123" })).toBe("/api/runs/[id]/events");
    expect(routeTemplate("/api/agents/assistant/sessions/cm9", { name: "assistant", id: "cm9" })).toBe("/api/agents/[name]/sessions/[id]");
  });

  it("names a catch-all by its param, however many segments it took", () => {
    expect(routeTemplate("/api/no/such/thing", { path: ["no", "such", "thing"] })).toBe("/api/[...path]");
  });

  it("leaves a route without params as it is", () => {
    expect(routeTemplate("/api/chat", {})).toBe("/api/chat");
  });

  it("matches params in order, so a value equal to a later static segment stays in its place", () => {
    expect(routeTemplate("/api/agents/chat/chat", { name: "chat" })).toBe("/api/agents/[name]/chat");
  });

  it("compares with the decoded segment, as Next decodes params", () => {
    expect(routeTemplate("/api/admin/mcp/my%20server/reconnect", { server: "my server" })).toBe("/api/admin/mcp/[server]/reconnect");
  });
});
