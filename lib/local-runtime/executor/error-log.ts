// Errors the executor survives (a heartbeat that could not extend leases, an
// idle pool client that lost its connection, a lease that could not be handed
// back) must still be seen: each distinct error is logged once, with where it
// happened, and counted; repeats of it stay quiet so a database that is down
// for a minute does not flood the log four times a second.

export type ErrorSink = (line: string, error: unknown) => void;

export interface ErrorLog {
  /** Logs the error the first time this (context, message) pair is seen. */
  report(context: string, error: unknown): void;
  /** How often each (context, message) pair happened, for tests and diagnostics. */
  counts(): ReadonlyMap<string, number>;
}

export function createErrorLog(sink: ErrorSink = (line, error) => console.error(line, error)): ErrorLog {
  const seen = new Map<string, number>();
  return {
    report(context, error) {
      const message = error instanceof Error ? error.message : String(error);
      const key = `${context}: ${message}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count === 1) sink(`[inngest-executor] ${context} failed (logged once; later repeats are counted): ${message}`, error);
    },
    counts: () => seen,
  };
}
