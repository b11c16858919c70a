import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * PGlite served over the Postgres wire protocol on 127.0.0.1, so the app, Prisma's CLI and the
 * tests talk to it exactly as to a real server. `dataDir` undefined keeps it in memory.
 *
 * PGlite has one backend session: every socket connection shares it, so interleaved extended-protocol
 * messages from two connections would corrupt each other. The server accepts one connection at a
 * time and the URL asks Prisma's pool for one (`connection_limit=1`). See docs/decisions/0003.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port: number }): Promise<EmbeddedDatabase> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: options.port, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const [, port] = server.getServerConn().split(":");
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?connection_limit=1`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
