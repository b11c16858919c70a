import { BlockList, isIP } from "node:net";

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
function plain(address: string) {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** TRUSTED_PROXIES (`10.0.0.0/8, 127.0.0.1, fd00::/8`) as a list to test addresses against. */
export function trustedProxies(entries: string[]) {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string) {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Who is on the other end: the socket's peer, unless the peer is a proxy the operator trusts; then
 * the nearest X-Forwarded-For hop that is not one, read from the right (each proxy appends the
 * address it received from, so only the hops after the last untrusted one can be believed).
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: BlockList) {
  let client = plain(peer);
  if (!isTrusted(trusted, client)) return client;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => plain(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!isTrusted(trusted, client)) break;
  }
  return client;
}

/** The client's address as the front door (front-door.ts) left it in the request's headers. */
export function requestAddress(headers: Headers) {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
