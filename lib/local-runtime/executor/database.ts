import pg from "pg";
import { databaseTimeouts } from "./db-timeouts";
import { StallSafeClient } from "./stall-safe-client";
import { createErrorLog } from "./error-log";

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

const poolErrors = createErrorLog();

/** `onIdleClientError`: where an idle client's lost connection is reported (default: logged once per distinct error). */
export function createPool(
  databaseUrl: string,
  max = 4,
  onIdleClientError: (error: Error) => void = (error) => poolErrors.report("database pool (idle client lost its connection)", error),
): Db {
  // Timeouts: a stalled database fails the event API and the loops' queries instead of hanging them (db-timeouts.ts).
  const { connectionTimeoutMillis, query_timeout } = databaseTimeouts();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis,
    query_timeout,
    Client: StallSafeClient,
  });
  // An idle client losing its connection must not crash the process (pg emits
  // "error" on the pool; unhandled it would throw), but it must be seen.
  pool.on("error", onIdleClientError);
  return pool;
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    // A client whose ROLLBACK failed (a stalled database) is not handed out again: closing its
    // connection is what makes the server roll the transaction back.
    client.release(broken);
  }
}
