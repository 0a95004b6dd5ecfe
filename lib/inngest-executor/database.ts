import pg from "pg";
import { databaseTimeouts } from "../db/timeouts";

// The default database is PGlite behind pglite-server: one statement at a time,
// and an open transaction blocks every other connection. So: a small pool,
// short transactions, and never a query on another connection inside one.
//
// Measured on pglite-server: extended-protocol queries (Parse/Bind/Execute)
// running while another connection holds a transaction get their unnamed
// statements mixed up ("bind message supplies 2 parameters, but prepared
// statement requires 1"); simple-protocol queries never do, and are faster.
// So every query here goes out as one simple-protocol message with its
// parameters inlined as escaped literals.

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient;

export const SCHEMA = "inngest_executor";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) {
    const items = value.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`));
    return pg.escapeLiteral(`{${items.join(",")}}`);
  }
  if (typeof value === "object") return pg.escapeLiteral(JSON.stringify(value));
  return pg.escapeLiteral(String(value));
}

/** Replaces $1..$n with literals (only in our own SQL text, never inside values). */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (match, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new Error(`query uses ${match} but only ${values.length} values were given`);
    return literal(values[index]);
  });
}

class SimpleProtocolClient extends pg.Client {
  // pg calls query(text, values, callback?) from Pool.query and from user code alike.
  query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values)) return super.query(inlineParameters(config, values), callback);
    return super.query(config, values, callback);
  }
}

export function createPool(databaseUrl: string, max = 4): Db {
  // Timeouts: a stalled database fails the event API and the loops' queries instead of hanging them (lib/db/timeouts.ts).
  const { connectionTimeoutMillis, query_timeout } = databaseTimeouts();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis,
    query_timeout,
    Client: SimpleProtocolClient as typeof pg.Client,
  });
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
