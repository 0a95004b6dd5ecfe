// Timeouts for every connection to Postgres (issue 7, fault 12): a stalled
// database (a paused server, a dead network path) must turn into an error the
// caller can answer, not a request that hangs. `connectionTimeoutMillis`
// bounds opening a connection, `query_timeout` (client side: it works even when
// the server cannot answer at all) bounds each statement, and
// `statement_timeout` makes a live server give up on a runaway statement too.
// A transaction cut short this way is never committed: the failed statement
// makes the client roll back, so nothing is half-written.

export interface DatabaseTimeouts {
  connectionTimeoutMillis: number;
  query_timeout: number;
  statement_timeout: number;
}

function envMs(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** DATABASE_CONNECT_TIMEOUT_MS (default 5 s) and DATABASE_QUERY_TIMEOUT_MS (default 30 s: a 10,000-row export's bulk write fits). */
export function databaseTimeouts(env: Record<string, string | undefined> = process.env): DatabaseTimeouts {
  const query = envMs(env, "DATABASE_QUERY_TIMEOUT_MS", 30_000);
  return { connectionTimeoutMillis: envMs(env, "DATABASE_CONNECT_TIMEOUT_MS", 5000), query_timeout: query, statement_timeout: query };
}

export class DeadlineExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = "DeadlineExceededError";
  }
}

/** Rejects after `ms` if `work` has not settled (the work itself carries on; its result is ignored). */
export async function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors that mean "the database is not answering", for a 503 rather than a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DeadlineExceededError) return true;
    const message = (e as Error).message ?? "";
    if (
      /Query read timeout|timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|statement timeout|Unable to start a transaction in the given time|canceling statement due to statement timeout/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}
