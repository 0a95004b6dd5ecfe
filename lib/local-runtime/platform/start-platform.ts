// Starts the whole platform on one machine: database (embedded unless
// DATABASE_URL is set), migrations, demo data and first admin, the service
// simulators, the local Inngest executor and the Next.js app. Used by the run
// command (scripts/platform.ts) and by the end-to-end tests.
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../database/embedded-postgres";
import { applyMigrations } from "./migrate";
import { loadOrCreateSecrets } from "./secrets";
import { startNextServer } from "./start-next-server";
import { EMBEDDED_DB_PORT } from "../../db/database-url";
import { isPortOpen } from "./wait-for-port";
import { createPrismaClient } from "../../db/client";
import { seedDemoData } from "../demo/seed-demo-data";
import { upsertSimulatorShops } from "../demo/seed-temu-shops";
import { ensureFirstAdmin } from "./ensure-first-admin";
import { startSimulators } from "../simulators/start-simulators";
import { embeddedHaierEnv } from "../../haier/config";
import { retentionDaysFrom } from "../../sync-logs/retention-days";
import { executorSettingsFromEnv } from "../../engine/engine-settings";
import { startExecutor, type RunningExecutor } from "../executor";
import { mkdirSync } from "node:fs";
import { claimPidfile, recordChild, releasePidfile } from "./platform-pidfile";

export interface PlatformOptions {
  dataDir: string;
  appPort: number;
  dbPort?: number;
  /** Port of the local Inngest executor (default INNGEST_EXECUTOR_PORT or 8288). */
  executorPort?: number;
  /** Any Postgres; when absent an embedded PGlite server keeps its data in dataDir/pg. */
  databaseUrl?: string;
  demoData?: boolean;
  log?: (line: string) => void;
  nextMode?: "start" | "dev";
  extraEnv?: Record<string, string | undefined>;
}

export interface RunningPlatform {
  appUrl: string;
  databaseUrl: string;
  firstAdmin: { email: string; password: string } | null;
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

function webhookUrl(appUrl: string, token: string): string {
  return `${appUrl}/api/acquisition/webscraper/webscraper-tracking/?token=${encodeURIComponent(token)}`;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((e) => log(`[platform] stop failed: ${(e as Error).message}`));
  };

  try {
    // What a crashed run left behind (its database, its app server) is stopped now; a live platform on this directory is refused.
    mkdirSync(options.dataDir, { recursive: true });
    await claimPidfile(options.dataDir, log);
    stops.push(async () => releasePidfile(options.dataDir));
    const secrets = loadOrCreateSecrets(options.dataDir);
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const port = options.dbPort ?? EMBEDDED_DB_PORT;
      if (await isPortOpen(port)) {
        throw new Error(`Port ${port} is already in use: is the platform already running? Set EMBEDDED_DB_PORT to use another port.`);
      }
      log(`[platform] starting embedded Postgres (data in ${path.join(options.dataDir, "pg")}, port ${port})`);
      const db: EmbeddedPostgres = await startEmbeddedPostgres({
        dataDir: path.join(options.dataDir, "pg"),
        port,
        password: secrets.EMBEDDED_DB_PASSWORD,
      });
      stops.push(() => db.stop());
      recordChild(options.dataDir, { name: "embedded Postgres", pid: db.pid, port });
      databaseUrl = db.url;
    }

    log("[platform] applying migrations");
    await applyMigrations(databaseUrl);

    const db = createPrismaClient(databaseUrl);
    let firstAdmin: RunningPlatform["firstAdmin"];
    try {
      firstAdmin = await ensureFirstAdmin(db);
      if (options.demoData !== false) {
        const seeded = await seedDemoData(db);
        if (seeded.created) log(`[platform] demo data created: ${seeded.orders} purchasing orders`);
      }
    } finally {
      await db.$disconnect();
    }

    const appUrl = `http://localhost:${options.appPort}`;
    const env: Record<string, string | undefined> = {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
      WEBSCRAPER_WEBHOOK_TOKEN: process.env.WEBSCRAPER_WEBHOOK_TOKEN ?? secrets.WEBSCRAPER_WEBHOOK_TOKEN,
      WEB_SCRAPER_API_TOKEN: process.env.WEB_SCRAPER_API_TOKEN ?? secrets.WEB_SCRAPER_API_TOKEN,
      // Stored product images (seed 003: yyyy/mm/dd/<uuid>.<ext> under the media root).
      MEDIA_ROOT: process.env.MEDIA_ROOT ?? path.join(options.dataDir, "media"),
      ...options.extraEnv,
    };
    // Haier: the simulator stands in unless a real HAIER_BASE_URL is configured.
    const haierSimulated = !(process.env.HAIER_BASE_URL ?? env.HAIER_BASE_URL);
    if (haierSimulated) {
      const haierEnv = embeddedHaierEnv("http://127.0.0.1", secrets.HAIER_CLIENT_SECRET);
      for (const name of [
        "HAIER_CLIENT_ID",
        "HAIER_CLIENT_SECRET",
        "HAIER_CUSTOMER_CODE",
        "HAIER_SEND_TO_CODE",
        "HAIER_SUPPLIER_CODE",
      ] as const) {
        env[name] ??= process.env[name] ?? haierEnv[name];
      }
    }

    // The simulators stand in for WebScraper.io and Haier (and later Temu) unless
    // a real service's base URL is configured.
    const webScraperSimulated = !process.env.WEB_SCRAPER_API_BASE_URL;
    if (webScraperSimulated || haierSimulated) {
      const simulatorEnv = { ...process.env, ...env };
      simulatorEnv.WEBSCRAPER_SIMULATOR_WEBHOOK_URL ??= webhookUrl(appUrl, env.WEBSCRAPER_WEBHOOK_TOKEN!);
      // Its jobs live beside the database, so a restart (or a crash) keeps them as WebScraper.io would.
      simulatorEnv.WEBSCRAPER_SIMULATOR_STATE_FILE ??= path.join(options.dataDir, "webscraper-simulator.json");
      const simulators = await startSimulators({
        env: simulatorEnv,
        log,
        ...(webScraperSimulated ? {} : { webscraper: false as const }),
        ...(haierSimulated ? {} : { haier: false as const }),
        // A configured Temu endpoint means real shops: no Temu simulator then.
        ...(process.env.TEMU_API_BASE_URL ? { temu: false as const } : {}),
      });
      stops.push(() => simulators.stop());
      Object.assign(env, simulators.env);
      if (simulators.temu && options.demoData !== false) {
        const shopDb = createPrismaClient(databaseUrl);
        try {
          const count = await upsertSimulatorShops(shopDb, simulators.temu.shops, simulators.temu.url);
          log(`[platform] ${count} Temu shops point at the simulator`);
        } finally {
          await shopDb.$disconnect();
        }
      }
    }

    // Background functions run on the local executor unless a real Inngest server is configured.
    const inheritedEnv = { ...process.env, ...env } as Record<string, string | undefined>;
    if (options.executorPort !== undefined) inheritedEnv.INNGEST_EXECUTOR_PORT = String(options.executorPort);
    const executorSettings = executorSettingsFromEnv(inheritedEnv);
    let executor: RunningExecutor | undefined;
    if (executorSettings.enabled) {
      // The app verifies the executor's calls with the signing key, as it would Inngest's.
      env.INNGEST_SIGNING_KEY ??= process.env.INNGEST_SIGNING_KEY ?? secrets.INNGEST_SIGNING_KEY;
      env.INNGEST_EVENT_KEY ??= process.env.INNGEST_EVENT_KEY ?? secrets.INNGEST_EVENT_KEY;
      executor = await startExecutor({
        databaseUrl,
        appServeUrl: `${appUrl}/api/inngest`,
        port: executorSettings.port,
        host: executorSettings.host,
        signingKey: env.INNGEST_SIGNING_KEY,
        eventKey: env.INNGEST_EVENT_KEY,
        retentionDays: retentionDaysFrom(process.env.RETENTION_DAYS),
      });
      stops.push(() => executor!.stop());
      // A base URL the user set already points here (host and port matched); never replace it.
      if (!inheritedEnv.INNGEST_BASE_URL) env.INNGEST_BASE_URL = executor.url;
      // The app decides "local or Inngest" from the same settings: give it this executor's address.
      env.INNGEST_EXECUTOR_PORT = String(executorSettings.port);
      env.INNGEST_EXECUTOR_HOST = executorSettings.host;
      // The app registers this origin (never one from request headers); the executor accepts only it.
      env.INNGEST_SERVE_ORIGIN = appUrl;
      delete env.INNGEST_DEV;
      log(`[platform] local Inngest executor on ${executor.url}`);
    } else {
      log(`[platform] local Inngest executor off: ${executorSettings.reason}`);
    }

    log(`[platform] starting the app on ${appUrl}`);
    const next = await startNextServer({ port: options.appPort, env, mode: options.nextMode, log: (l) => log(`[next] ${l}`) });
    stops.push(() => next.stop());
    recordChild(options.dataDir, { name: "the Next.js server", pid: next.pid, port: options.appPort });
    if (executor) {
      try {
        const { functionCount } = await executor.resync();
        log(`[platform] ${functionCount} background functions registered with the executor`);
      } catch (error) {
        throw new Error(`The app did not register its background functions with the executor: ${(error as Error).message}`);
      }
    }

    return { appUrl, databaseUrl, firstAdmin, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
