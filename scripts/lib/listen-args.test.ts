import { describe, expect, it } from "vitest";
import { listenEnv } from "./listen-args";

describe("npm start's -p and -H", () => {
  it("take either flag alone, the rest from PORT / HOSTNAME, then the defaults", () => {
    expect(listenEnv(["-p", "4060"], {})).toEqual({ PORT: "4060", HOSTNAME: "0.0.0.0" });
    expect(listenEnv(["-H", "127.0.0.1"], { PORT: "4070" })).toEqual({ PORT: "4070", HOSTNAME: "127.0.0.1" });
    expect(listenEnv(["--port=4080", "--hostname", "::1"], { HOSTNAME: "ignored" })).toEqual({ PORT: "4080", HOSTNAME: "::1" });
    expect(listenEnv([], { HOSTNAME: "10.0.0.2" })).toEqual({ PORT: "3000", HOSTNAME: "10.0.0.2" });
  });

  it("refuse what they cannot use, naming it", () => {
    expect(() => listenEnv(["-p"], {})).toThrow(/-p/);
    expect(() => listenEnv(["-p", "http"], {})).toThrow(/"http" is not a port/);
    expect(() => listenEnv(["--turbo"], {})).toThrow(/--turbo/);
    expect(() => listenEnv(["4060"], {})).toThrow(/unexpected argument "4060"/);
  });
});
