import pg from "pg";

// The default database is PGlite behind pglite-server: one statement at a time,
// and an open transaction blocks every other connection. So: a small pool,
// short transactions, and never a query on another connection inside one.
//
// Queries use real parameters (the extended protocol): pglite-server's
// session-safe queue (lib/local-runtime/database/pglite/session-queue.ts) keeps each
// connection's unnamed prepared statements apart, which an earlier version
// mixed up; tests/local-runtime/database/embedded-postgres.test.ts holds that.

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient;

export const SCHEMA = "inngest_executor";

function envMs(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function createPool(databaseUrl: string, max = 4): Db {
  // Timeouts: a stalled database fails the event API and the loops' queries instead of hanging them.
  // Same variables and defaults as the app's pool (lib/db/timeouts.ts), read here so this folder stands alone.
  const connectionTimeoutMillis = envMs("DATABASE_CONNECT_TIMEOUT_MS", 5000);
  const query_timeout = envMs("DATABASE_QUERY_TIMEOUT_MS", 30_000);
  const pool = new pg.Pool({ connectionString: databaseUrl, max, idleTimeoutMillis: 10_000, connectionTimeoutMillis, query_timeout });
  // An idle client losing its connection must not crash the process.
  pool.on("error", () => {});
  return pool;
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
