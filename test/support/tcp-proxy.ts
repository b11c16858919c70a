import { createConnection, createServer, type Server, type Socket } from "node:net";
import { freePort } from "./ports";

/**
 * A TCP proxy a test can cut: `cut()` drops every connection and refuses new ones (a database
 * that went away), `restore()` listens again on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      }).listen(port, "127.0.0.1", resolve);
    });
  await listen();
  return {
    port,
    async cut() {
      await new Promise((resolve) => {
        server!.close(resolve);
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: listen,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => (server!.listening ? server!.close(resolve) : resolve(undefined)));
    },
  };
}
