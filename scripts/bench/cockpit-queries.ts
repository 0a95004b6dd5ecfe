// Benchmark: the cockpit's queries (issue 11 §3) at 1,000,000 SyncLog rows.
// Fills a fresh embedded database (or an EMPTY one named by DATABASE_URL) with
// 1M SyncLog rows over a year (10% failures, a sixth of them processed
// exports), 200,000 status changes and 5,000 batches, then prints each query's
// plan (EXPLAIN) and the median of 5 timed runs of the cockpit's reads.
//   npx tsx scripts/bench/cockpit-queries.ts [--scale 0.1]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createPrismaClient } from "../../lib/db/client";
import { evaluateTrackingConditions, readWebScraperBudget } from "../../lib/monitoring/tracking-conditions";
import { getCockpitTrends } from "../../lib/overview/get-cockpit-trends";
import { getRateBudgets } from "../../lib/overview/get-rate-budgets";
import { startEmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const { values } = parseArgs({ options: { scale: { type: "string", default: "1" } } });
const n = (count: number) => Math.max(1, Math.round(count * Number(values.scale)));
const volume = { logs: n(1_000_000), changes: n(200_000), batches: n(5_000) };

const dataDir = mkdtempSync(path.join(os.tmpdir(), "cockpit-bench-"));
const external = process.env.DATABASE_URL;
const embedded = external ? undefined : await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort() });
const databaseUrl = external ?? embedded!.url;

try {
  await applyMigrations(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (what: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    console.log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  console.log(`volume: ${JSON.stringify(volume)}; filling:`);
  // One log every 31 s back from now: 1M rows span about a year, ~39,000 in the last 14 days.
  await step(
    "SyncLog",
    `
    INSERT INTO "SyncLog" ("operationType", message, success, details, "createdAt")
    SELECT (ARRAY['webscraper_tracking','tracking_job_published','tracking_number_empty_triggered','japan_post_tracking_10_completed','tracking_batch_imported','redirect_to_japan_post_tracking_triggered'])[1 + g % 6],
           'log ' || g, g % 10 <> 0, '{}'::jsonb, now() - make_interval(secs => g * 31)
    FROM generate_series(1, ${volume.logs}) g`,
  );
  await step(
    "Purchasing",
    `INSERT INTO "Purchasing" ("orderNumber", "updatedAt") SELECT 'O-' || g, now() FROM generate_series(1, ${n(50_000)}) g`,
  );
  await step(
    "PurchasingStatusChange",
    `
    INSERT INTO "PurchasingStatusChange" ("purchasingId", "deliveryStatus", "recordedAt")
    SELECT 1 + g % ${n(50_000)}, (ARRAY['info_received','in_transit','out_for_delivery','delivered']::"DeliveryStatus"[])[1 + g % 4], now() - make_interval(secs => g * 150)
    FROM generate_series(1, ${volume.changes}) g`,
  );
  await step(
    "TrackingBatch",
    `
    INSERT INTO "TrackingBatch" ("filePath", "taskName", "totalJobs", status, "createdAt", "updatedAt")
    SELECT 'f' || g || '.xlsx', 'yamato', 20, CASE WHEN g <= 5 THEN 'processing'::"TrackingBatchStatus" ELSE 'completed' END, now() - make_interval(mins => g * 105), now()
    FROM generate_series(1, ${volume.batches}) g`,
  );
  await step("ANALYZE", `ANALYZE`);

  const since = new Date(Date.now() - 14 * 86_400_000);
  const plans: [string, string, unknown[]][] = [
    [
      "exports per hour",
      `SELECT date_trunc('hour', "createdAt"), count(*) FROM "SyncLog" WHERE "operationType" = 'webscraper_tracking' AND "createdAt" >= $1 AND "createdAt" <= now() GROUP BY 1`,
      [since],
    ],
    [
      "failures per day",
      `SELECT date_trunc('day', "createdAt"), count(*) FROM "SyncLog" WHERE NOT "success" AND "createdAt" >= $1 AND "createdAt" <= now() GROUP BY 1`,
      [since],
    ],
    [
      "delivered per day",
      `SELECT date_trunc('day', "recordedAt"), count(DISTINCT "purchasingId") FROM "PurchasingStatusChange" WHERE "deliveryStatus" = 'delivered' AND "recordedAt" >= $1 AND "recordedAt" <= now() GROUP BY 1`,
      [since],
    ],
    [
      "webhook failures (1 h)",
      `SELECT count(*) FILTER (WHERE NOT "success"), count(*) FROM "SyncLog" WHERE "operationType" = ANY($1::text[]) AND "createdAt" >= now() - interval '1 hour' AND "createdAt" <= now()`,
      [
        [
          "webscraper_tracking",
          "official_website_redirect_to_yamato_tracking_completed",
          "redirect_to_japan_post_tracking_triggered",
          "redirect_to_japan_post_tracking_failed",
        ],
      ],
    ],
    [
      "budget (15 min)",
      `SELECT count(*) FROM "SyncLog" WHERE "operationType" = 'tracking_job_published' AND "createdAt" > now() - interval '15 minutes' AND "createdAt" <= now()`,
      [],
    ],
  ];
  console.log("\nplans:");
  for (const [name, sql, params] of plans) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params);
    const lines = rows.map((r) => r["QUERY PLAN"] as string);
    console.log(
      `  ${name}:\n    ${lines
        .filter((l) => /Scan|Execution Time/.test(l))
        .map((l) => l.trim())
        .join("\n    ")}`,
    );
  }
  await client.end();

  const db = createPrismaClient(databaseUrl);
  const median = async (what: string, run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${what}: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)})`);
  };
  console.log("\ntimed (5 runs each):");
  await median("getCockpitTrends (Asia/Shanghai)", () => getCockpitTrends(db, "Asia/Shanghai"));
  await median("evaluateTrackingConditions", () => evaluateTrackingConditions(db, new Date()));
  await median("readWebScraperBudget", () => readWebScraperBudget(db, new Date()));
  await median("getRateBudgets", () => getRateBudgets(db));
  await db.$disconnect();
} finally {
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
