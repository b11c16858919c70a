import { mkdir } from "node:fs/promises";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketHandler, PGLiteSocketServer, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * PGlite served over the Postgres wire protocol on 127.0.0.1, so the app, Prisma's CLI and the
 * tests talk to it exactly as to a real server. Without `dataDir` it lives in memory.
 *
 * PGlite has one backend session that every socket connection shares: two clients' extended-protocol
 * messages would interleave and corrupt each other. So connections are served one at a time, and a
 * new one waits (instead of being refused, as pglite-socket's own server does past its limit) until
 * the previous one closes. Clients keep one connection (`connection_limit=1`). See docs/decisions/0003.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port: number }): Promise<EmbeddedDatabase> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  // pg_trgm: the migrations create it (admin title search), and PGlite ships contrib extensions apart.
  const pglite = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  // The queue that feeds protocol messages to PGlite lives inside pglite-socket's server class
  // (0.2.17, pinned); the server itself is never started.
  const { queryQueue } = new PGLiteSocketServer({ db: pglite }) as unknown as Pick<PGLiteSocketHandlerOptions, "queryQueue">;

  const waiting: net.Socket[] = [];
  let current: PGLiteSocketHandler | undefined;
  function serveNext() {
    const socket = current ? undefined : waiting.shift();
    if (!socket) return;
    if (socket.destroyed) return serveNext();
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    current = handler;
    const release = () => {
      if (current !== handler) return;
      current = undefined;
      serveNext();
    };
    handler.addEventListener("close", release);
    handler.addEventListener("error", release);
    handler.attach(socket).catch(release);
  }

  const server = net.createServer((socket) => {
    // A client that gives up while waiting must not crash the server.
    socket.on("error", () => socket.destroy());
    waiting.push(socket);
    serveNext();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, "127.0.0.1", resolve);
    });
  } catch (error) {
    await pglite.close();
    throw error;
  }

  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?connection_limit=1`,
    async stop() {
      for (const socket of waiting.splice(0)) socket.destroy();
      // Detach (rolling back an open transaction) while PGlite is still open.
      await current?.detach(true);
      await new Promise((resolve) => server.close(resolve));
      await pglite.close();
    },
  };
}
