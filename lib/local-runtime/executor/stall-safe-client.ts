// The executor's own copy of lib/db/stall-safe-client.ts, so this folder imports nothing outside itself.
// A pg client that gives up its connection when a statement times out.
//
// pg's `query_timeout` fails the caller's promise but leaves the statement in
// flight on the connection. The pool (or adapter-pg, which releases a
// transaction's client without an error after ROLLBACK) then puts that client
// back: its next statements queue behind the stalled one, and once the server
// answers again the stalled statement runs after all — inside a transaction
// whose ROLLBACK had already timed out, which then stays open for good (PGlite
// serves one session, so every other connection waits on it forever).
// Closing the socket instead makes the server roll the transaction back and
// forget the statement; the client is marked broken so the pool drops it.
//
// Prisma's transaction manager (client runtime 6.19) releases a transaction's
// connection only after its COMMIT or ROLLBACK statement succeeded: on a lost
// connection both fail and the pool slot leaks, and after a few stalls the
// pool is empty for good. So here a ROLLBACK on a lost connection succeeds
// (the server rolls back a transaction whose connection closes: that is what
// was asked), and with `releaseWhenCommitLost` (the Prisma pool) a COMMIT that
// fails on a lost connection gives the client back to the pool, as broken,
// before the error reaches the caller (whose transaction's outcome is then
// unknown, as on any lost COMMIT; the error says so).
import pg from "pg";

const TIMEOUT_MESSAGES = new Set(["Query read timeout"]);

type Callback = (error: Error | null, result?: unknown) => void;

export interface StallSafeClientConfig extends pg.ClientConfig {
  /** Release a pool client whose COMMIT failed on a lost connection (for callers that never release it then). */
  releaseWhenCommitLost?: boolean;
}

const EMPTY_RESULT = { command: "ROLLBACK", rowCount: 0, oid: 0, rows: [], fields: [] };

function statementText(config: unknown): string {
  const text = typeof config === "string" ? config : (config as { text?: unknown } | undefined)?.text;
  return typeof text === "string" ? text.trim().toUpperCase() : "";
}

export class StallSafeClient extends pg.Client {
  private readonly releaseWhenCommitLost: boolean;

  constructor(config?: string | StallSafeClientConfig) {
    super(config);
    this.releaseWhenCommitLost = typeof config === "object" && config?.releaseWhenCommitLost === true;
    // The dropped connection surfaces through the failed statements; an 'error' event on a
    // checked-out client without a listener would crash the process.
    this.on("error", () => {});
  }

  /** Closes the socket at once: a statement stuck on it can never run later. */
  abandonConnection(): void {
    const connection = (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection;
    connection?.stream?.destroy();
  }

  private watch(error: unknown): void {
    if (error instanceof Error && TIMEOUT_MESSAGES.has(error.message)) this.abandonConnection();
  }

  /** The connection is gone (closed by us or by the network): nothing sent on it can run any more. */
  private connectionLost(): boolean {
    const internals = this as unknown as { _queryable?: boolean; _ended?: boolean; _ending?: boolean };
    return internals._queryable === false || internals._ended === true;
  }

  // pg's overloads: (text|config[, values][, callback]) with a promise when no callback is given.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as Callback;
      args[args.length - 1] = (error: Error | null, result?: unknown) => {
        if (error) this.watch(error);
        callback(error, result);
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    const config = args[0] as { submit?: unknown; callback?: Callback } | undefined;
    if (config && typeof config === "object" && typeof config.callback === "function") {
      const callback = config.callback;
      config.callback = (error, result) => {
        if (error) this.watch(error);
        callback(error, result);
      };
    }
    const statement = statementText(args[0]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function" && !(config && typeof config.submit === "function")) {
      return (result as Promise<unknown>).catch((error: unknown) => {
        this.watch(error);
        if (this.connectionLost()) {
          if (statement === "ROLLBACK") return EMPTY_RESULT;
          if (statement === "COMMIT" && this.releaseWhenCommitLost) {
            const release = (this as unknown as { release?: (error?: Error) => void }).release;
            try {
              release?.call(this, error instanceof Error ? error : new Error(String(error)));
            } catch {
              // already released: nothing to give back
            }
            throw new Error(
              `COMMIT failed: the database connection was lost, the transaction's outcome is unknown (${(error as Error).message})`,
              { cause: error },
            );
          }
        }
        throw error;
      });
    }
    return result;
  }
}
