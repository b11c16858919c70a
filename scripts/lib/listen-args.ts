import { parseArgs } from "node:util";

/**
 * `npm start -- -p 4000 -H 127.0.0.1` → the standalone server's PORT and HOSTNAME, as `next start`
 * takes them (`--port=4000` too). Either may be left out: then PORT / HOSTNAME, then 3000 / 0.0.0.0.
 * Anything else is refused with a line that names it, not passed on to fail later.
 */
export function listenEnv(args: string[], env: Record<string, string | undefined>) {
  const { values, positionals } = parseArgs({
    args,
    options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new Error(`npm start: unexpected argument "${positionals[0]}" (options: -p <port>, -H <host>)`);
  const port = values.port ?? env.PORT ?? "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`npm start: "${port}" is not a port (-p or PORT)`);
  return { PORT: port, HOSTNAME: values.hostname ?? env.HOSTNAME ?? "0.0.0.0" };
}
