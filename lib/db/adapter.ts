import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/**
 * The Postgres driver adapter for Prisma's JS engines (no Rust binaries), with the three fixes
 * `@prisma/adapter-pg` 6.19 needs to also run migrations. See docs/decisions/0002-prisma-js-engine.md.
 */

const TEXT_OID = 25;
// Catalog columns typed `name` (19) and `"char"` (18) are plain strings, but the adapter rejects
// their oids as "Unsupported column type", which breaks migrate's introspection and `$queryRaw`.
const TEXT_LIKE_OIDS = new Set([18, 19]);

type Fields = { fields?: { dataTypeID: number }[] };

function asText<T>(result: T): T {
  for (const part of (Array.isArray(result) ? result : [result]) as Fields[]) {
    for (const field of part?.fields ?? []) {
      if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

/**
 * Patched at the client, not the pool: interactive transactions check a client out of the pool
 * and query it directly. Handles both the promise and the callback form (the pool uses the latter).
 */
class TextNameClient extends pg.Client {
  override query = ((...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => callback(error, error ? result : asText(result));
    }
    const returned: unknown = Reflect.apply(super.query, this, args);
    return returned instanceof Promise ? returned.then(asText) : returned;
  }) as pg.Client["query"];
}

/**
 * Discrete fields rather than a connection string: the adapter makes the shadow database's pool
 * as `{ ...config, database }`, and a `connectionString` would win over `database`.
 * `connection_limit` (Prisma's URL parameter) sets the pool size; the embedded database needs 1.
 */
export function poolConfig(databaseUrl: string): pg.PoolConfig {
  const { connectionString: _, ...fields } = parseIntoClientConfig(databaseUrl) as pg.ClientConfig;
  const limit = Number(new URL(databaseUrl).searchParams.get("connection_limit")) || undefined;
  return {
    ...fields,
    max: limit ?? 10,
    // How long a query may wait for a free connection (or a new one) before failing.
    connectionTimeoutMillis: 15_000,
    // CLI commands (migrate, seed) exit once their queries are done instead of waiting on idle clients.
    allowExitOnIdle: true,
    Client: TextNameClient,
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The stock `executeScript` splits on every `;`, which breaks quoted semicolons and `$$` bodies.
 * An empty parameter list makes pg use the simple query protocol, which runs a whole script.
 */
function runScriptsWhole(adapter: Adapter): Adapter {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

class PostgresAdapterFactory extends PrismaPg {
  constructor(private readonly pool: pg.PoolConfig) {
    super(pool);
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  /** Ends the shadow pool before dropping its database (the stock order fails: database in use). */
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PostgresAdapterFactory({ ...this.pool, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export function createAdapterFactory(databaseUrl: string) {
  return new PostgresAdapterFactory(poolConfig(databaseUrl));
}
