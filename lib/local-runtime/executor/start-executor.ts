import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { syncApp } from "./app-sync";
import { syncCronSchedules } from "./cron-scheduler";
import { createPool } from "./database";
import { createErrorLog } from "./error-log";
import { Dispatcher } from "./dispatcher";
import type { ExecutorContext, ExecutorOptions } from "./executor-context";
import { FunctionRegistry } from "./function-registry";
import { createHttpApi } from "./http-api";
import { signRequestBody } from "./request-signing";
import { startRetention } from "./retention";
import { ensureSchema } from "./schema";
import { INNGEST_LIMITS, timeScaleFromEnv, type ExecutionPolicy, type RunLimits } from "./execution-policy";
import { FunctionConfigError } from "./function-validation";

export interface StartExecutorOptions {
  databaseUrl: string;
  /** The app's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  appServeUrl: string;
  port?: number; // default 0: any free port
  host?: string; // default 127.0.0.1
  pollIntervalMs?: number; // idle re-check of the queue; default 200
  leaseMs?: number; // how long a crashed executor's job stays claimed; default 30 s
  maxConcurrentJobs?: number; // default 16
  /**
   * The one knob tests turn to run Inngest's timing faster: every period the
   * executor decides (retry backoff 15 s…2 h + 30 s jitter, Retry-After bounds,
   * throttle / rateLimit / idempotency / event de-duplication windows) is
   * multiplied by it. Default 1, or INNGEST_EXECUTOR_TIME_SCALE. Step sleeps and
   * waits are the function's own and are never scaled.
   */
  timeScale?: number;
  /** Inngest's run limits (1,000 steps, 4 MiB step output, 32 MiB run state, 3 MiB event); lower them in tests. */
  limits?: Partial<RunLimits>;
  /** Sign calls to the app as Inngest does (default: INNGEST_SIGNING_KEY). */
  signingKey?: string;
  /** When set, POST /e/:key must use this key (default: any key is accepted). */
  eventKey?: string;
  /** Retry interval while the app does not answer the sync yet; default 2 s. */
  syncRetryMs?: number;
  poolSize?: number; // default 4 (PGlite serves one statement at a time anyway)
  /** Finished runs, their steps and events older than this many days are pruned hourly; default 90, 0 keeps all. */
  retentionDays?: number;
  /** POST /e/:key answers 503 when storing its events takes longer (a stalled database); default 5 s. */
  eventDeadlineMs?: number;
}

export interface RunningExecutor {
  /** The base URL to give the SDK as INNGEST_BASE_URL. */
  url: string;
  /** Ask the app for its functions again (also POST {url}/sync). */
  resync(): Promise<{ functionCount: number }>;
  /** graceful (default): hand in-flight jobs back at once. false: leave leases to expire, like a crash. */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

export async function startExecutor(options: StartExecutorOptions): Promise<RunningExecutor> {
  const errors = createErrorLog();
  const db = createPool(options.databaseUrl, options.poolSize ?? 4, (error) =>
    errors.report("database pool (idle client lost its connection)", error),
  );
  // Intake (POST /e/:key) gets connections of its own: with 16 jobs in flight on
  // a pool of 4, an event (a webhook waiting on inngest.send) waited for a slot
  // behind them and timed out under load (issue 10 item 4).
  const intakeDb = createPool(options.databaseUrl, 2, (error) =>
    errors.report("intake database pool (idle client lost its connection)", error),
  );
  await ensureSchema(db);
  const policy: ExecutionPolicy = {
    timeScale: options.timeScale ?? timeScaleFromEnv(),
    limits: { ...INNGEST_LIMITS, ...options.limits },
  };
  const registry = new FunctionRegistry(db, policy, new URL(options.appServeUrl).origin);
  await registry.load();

  const executorOptions: ExecutorOptions = {
    leaseMs: options.leaseMs ?? 30_000,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    maxConcurrentJobs: options.maxConcurrentJobs ?? 16,
  };
  const signingKey = options.signingKey ?? process.env.INNGEST_SIGNING_KEY ?? undefined;
  // eslint-disable-next-line prefer-const -- ctx.wake closes over it before the dispatcher (which needs ctx) exists
  let dispatcher: Dispatcher | undefined;
  const ctx: ExecutorContext = {
    db,
    intakeDb,
    registry,
    owner: `executor-${randomUUID()}`,
    signingKey,
    options: executorOptions,
    policy,
    wake: () => dispatcher?.wake(),
  };
  dispatcher = new Dispatcher(ctx, errors);

  const onRegistered = async () => {
    const problems = await syncCronSchedules(db, registry);
    for (const problem of problems) console.warn(`[inngest-executor] cron ignored: ${problem}`);
  };
  const resync = () =>
    syncApp({
      appServeUrl: options.appServeUrl,
      registry,
      signRequest: signingKey ? (body) => signRequestBody(body, signingKey) : undefined,
      onRegistered,
    });

  const server = createHttpApi(ctx, { onRegistered, resync, eventKey: options.eventKey, eventDeadlineMs: options.eventDeadlineMs });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  dispatcher.start();
  const retentionDays = options.retentionDays ?? 90;
  const retention = retentionDays > 0 ? startRetention(db, { days: retentionDays, intervalMs: 3_600_000 }) : undefined;

  // The app may start after us: keep trying until one sync succeeds.
  let stopped = false;
  let syncTimer: NodeJS.Timeout | undefined;
  const trySync = async () => {
    try {
      await resync();
    } catch (error) {
      if (stopped) return;
      syncTimer = setTimeout(trySync, options.syncRetryMs ?? 2_000);
      syncTimer.unref?.();
      // A refused configuration is the app's to fix: say so every time, loudly.
      if (error instanceof FunctionConfigError) console.error(`[inngest-executor] ${error.message}`);
      else if (process.env.INNGEST_EXECUTOR_DEBUG) console.warn(`[inngest-executor] sync failed, retrying: ${(error as Error).message}`);
    }
  };
  await trySync();

  return {
    url,
    resync,
    async stop(stopOptions) {
      stopped = true;
      clearTimeout(syncTimer);
      retention?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      await dispatcher!.stop({ graceful: stopOptions?.graceful ?? true });
      await db.end().catch(() => {});
      await intakeDb.end().catch(() => {});
    },
  };
}
