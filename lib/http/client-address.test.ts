import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "./client-address";

describe("the client's address", () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1, 10.0.0.1", none)).toBe("127.0.0.1");
  });

  it("is the nearest hop that is not a trusted proxy, read from the right", () => {
    expect(clientAddress("10.0.0.5", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // A client that writes its own header only adds hops to the left of the one its proxy appended.
    expect(clientAddress("::ffff:10.0.0.5", "1.1.1.1, 198.51.100.1, 10.2.3.4", proxies)).toBe("198.51.100.1");
    expect(clientAddress("fd00::1", "2001:db8::1", proxies)).toBe("2001:db8::1");
  });

  it("is the peer when a trusted proxy sent no usable header, and the last hop when every hop is trusted", () => {
    expect(clientAddress("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "not an address, also not", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "10.9.9.9, 127.0.0.1", proxies)).toBe("10.9.9.9");
  });

  it("is not believed from a peer outside the trusted ranges", () => {
    expect(clientAddress("11.0.0.1", "198.51.100.1", proxies)).toBe("11.0.0.1");
    expect(clientAddress("2001:db8::9", "198.51.100.1", proxies)).toBe("2001:db8::9");
  });
});
