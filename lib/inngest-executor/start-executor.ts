import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { syncApp } from "./app-sync";
import { syncCronSchedules } from "./cron-scheduler";
import { createPool } from "./database";
import { Dispatcher } from "./dispatcher";
import type { ExecutorContext, ExecutorOptions } from "./executor-context";
import { FunctionRegistry } from "./function-registry";
import { createHttpApi } from "./http-api";
import { signRequestBody } from "./request-signing";
import { startRetention } from "./retention";
import { ensureSchema } from "./schema";

export interface StartExecutorOptions {
  databaseUrl: string;
  /** The app's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  appServeUrl: string;
  port?: number; // default 0: any free port
  host?: string; // default 127.0.0.1
  pollIntervalMs?: number; // idle re-check of the queue; default 200
  leaseMs?: number; // how long a crashed executor's job stays claimed; default 30 s
  maxConcurrentJobs?: number; // default 16
  backoffBaseMs?: number; // first retry delay, doubled per attempt; default 1 s
  backoffMaxMs?: number; // default 10 min
  /** Sign calls to the app as Inngest does (default: INNGEST_SIGNING_KEY). */
  signingKey?: string;
  /** When set, POST /e/:key must use this key (default: any key is accepted). */
  eventKey?: string;
  /** Retry interval while the app does not answer the sync yet; default 2 s. */
  syncRetryMs?: number;
  poolSize?: number; // default 4 (PGlite serves one statement at a time anyway)
  /** Finished runs, their steps and events older than this many days are pruned hourly; default 90, 0 keeps all. */
  retentionDays?: number;
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
  const db = createPool(options.databaseUrl, options.poolSize ?? 4);
  await ensureSchema(db);
  const registry = new FunctionRegistry(db);
  await registry.load();

  const executorOptions: ExecutorOptions = {
    leaseMs: options.leaseMs ?? 30_000,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    maxConcurrentJobs: options.maxConcurrentJobs ?? 16,
    backoffBaseMs: options.backoffBaseMs ?? 1_000,
    backoffMaxMs: options.backoffMaxMs ?? 600_000,
  };
  const signingKey = options.signingKey ?? process.env.INNGEST_SIGNING_KEY ?? undefined;
  let dispatcher: Dispatcher | undefined;
  const ctx: ExecutorContext = {
    db,
    registry,
    owner: `executor-${randomUUID()}`,
    signingKey,
    options: executorOptions,
    wake: () => dispatcher?.wake(),
  };
  dispatcher = new Dispatcher(ctx);

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

  const server = createHttpApi(ctx, { onRegistered, resync, eventKey: options.eventKey });
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
      if (process.env.INNGEST_EXECUTOR_DEBUG) console.warn(`[inngest-executor] sync failed, retrying: ${(error as Error).message}`);
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
    },
  };
}
