// Test harness: a real SDK app (inngest/node serve on node:http) and the
// executor under test, talking over loopback HTTP exactly as in production.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { startExecutor, type RunningExecutor, type StartExecutorOptions } from "../../../lib/local-runtime/executor";
import { createPool, SCHEMA } from "../../../lib/local-runtime/executor/database";
import { DATA_TABLES, ensureSchema } from "../../../lib/local-runtime/executor/schema";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";

export const databaseUrl = () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set by the global test setup");
  return url;
};

export async function resetExecutorTables(): Promise<void> {
  const db = createPool(databaseUrl(), 1);
  try {
    await ensureSchema(db);
    await db.query(`TRUNCATE ${DATA_TABLES.map((t) => `${SCHEMA}.${t}`).join(", ")} RESTART IDENTITY`);
  } finally {
    await db.end();
  }
}

export interface Harness {
  inngest: Inngest;
  executor: RunningExecutor;
  executorPort: number;
  appUrl: string;
  db: pg.Pool;
  restartExecutor(options?: { graceful?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

type ExecutorTuning = Partial<Omit<StartExecutorOptions, "databaseUrl" | "appServeUrl" | "port">>;

// timeScale 0.001: Inngest's 15 s first retry becomes 15 ms (+ up to 30 ms jitter), a 1 m throttle period 60 ms.
export const FAST: ExecutorTuning = { pollIntervalMs: 20, timeScale: 0.001, leaseMs: 5_000 };

/** `define` receives the client (already pointed at the executor) and returns the functions to serve. */
export async function startHarness(
  appId: string,
  define: (inngest: Inngest) => InngestFunction.Any[],
  tuning: ExecutorTuning = {},
): Promise<Harness> {
  const executorPort = await freePort();
  // Quiet logger: functions that fail on purpose would otherwise fill the test output.
  const quiet = { info() {}, warn() {}, error() {}, debug() {} };
  const inngest = new Inngest({ id: appId, isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: quiet });
  const handler = serve({ client: inngest, functions: define(inngest) });
  const app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  const options = { ...FAST, ...tuning, databaseUrl: databaseUrl(), appServeUrl: appUrl, port: executorPort };
  // The executor's own pool settings (real bind parameters; pglite-server keeps sessions apart).
  const db = createPool(databaseUrl(), 1);

  const harness: Harness = {
    inngest,
    executor: await startExecutor(options),
    executorPort,
    appUrl,
    db,
    async restartExecutor(stopOptions) {
      await harness.executor.stop(stopOptions);
      harness.executor = await startExecutor(options);
    },
    async stop() {
      await harness.executor.stop();
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
      await db.end();
    },
  };
  return harness;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? "condition"}`);
    await sleep(25);
  }
}

export interface RunRowView {
  id: string;
  function_id: string;
  status: string;
  output: unknown;
  error: any;
  attempts: number;
  started_at: Date | null;
  created_at: Date;
  event: any;
}

export async function runsOf(db: pg.Pool, functionId: string): Promise<RunRowView[]> {
  const { rows } = await db.query(`SELECT * FROM ${SCHEMA}.runs WHERE function_id = $1 ORDER BY id`, [functionId]);
  return rows;
}

/** Waits until `count` runs of the function reached a final state, and returns them. */
export async function finishedRuns(db: pg.Pool, functionId: string, count = 1, timeoutMs = 15_000): Promise<RunRowView[]> {
  return waitFor(
    async () => {
      const runs = await runsOf(db, functionId);
      const done = runs.filter((r) => ["completed", "failed", "cancelled"].includes(r.status));
      return done.length >= count ? done : undefined;
    },
    { timeoutMs, what: `${count} finished run(s) of ${functionId}` },
  );
}

/** Waits until every accepted event has been routed (its runs created or skipped): the condition tests assert after, instead of sleeping. */
export async function eventsRouted(db: pg.Pool, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.jobs WHERE kind = 'event'`);
      return rows[0].n === 0;
    },
    { timeoutMs, what: "all events routed" },
  );
}
