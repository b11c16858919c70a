import type { Env } from "../../lib/env";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../../lib/db/embedded";

/** The configured Postgres, or the embedded one (started here) when DATABASE_URL is unset. */
export async function provideDatabase(env: Env): Promise<EmbeddedDatabase & { embedded: boolean }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  try {
    const database = await startEmbeddedDatabase({ dataDir: env.PGLITE_DATA_DIR, port: env.PGLITE_PORT });
    console.log(`Using the embedded database in ${env.PGLITE_DATA_DIR} (set DATABASE_URL to use your own Postgres).`);
    return { ...database, embedded: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `PGLITE_PORT ${env.PGLITE_PORT} is in use: is another instance running on this data directory? Stop it or set PGLITE_PORT.`,
      );
    }
    throw error;
  }
}
