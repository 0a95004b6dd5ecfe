// Benchmark: every dashboard list API at a year's volume of data (issue 10).
// Fills a fresh database with 1,000,000 SyncLog rows, 200,000 purchasing orders
// over 500 accounts, 5,000 batches with 100,000 tracking jobs and 50,000 executor
// runs (SQL generate_series), starts the platform on it, signs in as the admin
// and prints the median server round trip of 10 calls per API.
//   npx tsx scripts/bench/scale.ts                       # embedded PGlite, fresh folder
//   DATABASE_URL=postgres://… npx tsx scripts/bench/scale.ts   # an EMPTY Postgres database
//   npx tsx scripts/bench/scale.ts --scale 0.1           # a tenth of the volume
//   npx tsx scripts/bench/scale.ts --data-dir /tmp/scale --reuse   # keep the embedded data; measure again without refilling
// --reuse measures a database an earlier run filled to the same volume (DATABASE_URL or --data-dir).
// Needs a built app (npm run build). Loopback traffic only; stops by itself.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { startPlatform } from "../../lib/local-runtime/platform/start-platform";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import { loadOrCreateSecrets } from "../../lib/local-runtime/platform/secrets";
import { createPrismaClient } from "../../lib/db/client";
import { upsertUser } from "../../lib/users/upsert-user";
import { createPool } from "../../lib/local-runtime/executor/database";
import { ensureSchema } from "../../lib/local-runtime/executor/schema";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    calls: { type: "string", default: "10" },
    "data-dir": { type: "string" },
    reuse: { type: "boolean", default: false },
  },
});
const scale = Number(values.scale);
const calls = Number(values.calls);
const n = (count: number) => Math.max(1, Math.round(count * scale));
const volume = { logs: n(1_000_000), orders: n(200_000), accounts: 500, batches: n(5_000), jobsPerBatch: 20, runs: n(50_000) };

// The year of data stays a year while measuring: no retention pruning it away
// underneath the timings (the executor prunes its history at start, then hourly):
// ten years keeps every row.
process.env.RETENTION_DAYS = "3650";

const keptDir = values["data-dir"] ? path.resolve(values["data-dir"]) : undefined;
if (keptDir) mkdirSync(keptDir, { recursive: true });
const dataDir = keptDir ?? mkdtempSync(path.join(os.tmpdir(), "resale-ops-scale-"));
const external = process.env.DATABASE_URL;
const embedded = external
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      port: await freePort(),
      // A kept folder keeps its password, so a later --reuse run can open it.
      password: keptDir ? loadOrCreateSecrets(dataDir).EMBEDDED_DB_PASSWORD : undefined,
    });
const databaseUrl = external ?? embedded!.url;
console.log(`database: ${external ? "DATABASE_URL" : "embedded PGlite"}; volume: ${JSON.stringify(volume)}`);

/** Fills the database; false when --reuse found it filled to this volume already. */
async function fill(): Promise<boolean> {
  await applyMigrations(databaseUrl);
  const executorDb = createPool(databaseUrl, 1);
  await ensureSchema(executorDb);
  await executorDb.end();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "SyncLog"`);
  // An earlier measurement's platform may have logged a few lines of its own.
  if (values.reuse && rows[0].n >= volume.logs && rows[0].n < volume.logs + 1_000) {
    console.log(`reusing the database filled by an earlier run (${rows[0].n} sync logs)`);
    await client.end();
    return false;
  }
  if (rows[0].n > 0) {
    await client.end();
    throw new Error("The database is not empty: the scale benchmark fills a fresh one (or pass --reuse for one it filled).");
  }
  const step = async (what: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    console.log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  const started = performance.now();
  console.log("filling:");
  // Bulk loads build indexes once at the end (sorted builds), not row by row.
  const indexes = (
    await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
       WHERE schemaname = 'public' AND tablename IN ('SyncLog', 'Purchasing', 'TrackingJob') AND indexname NOT LIKE '%_pkey'`,
    )
  ).rows;
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  // Foreign keys too (as pg_restore does): one join when re-added instead of a
  // lookup per inserted row. The generated rows reference rows that exist.
  const foreignKeys = (
    await client.query<{ table: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE contype = 'f' AND conrelid IN ('"Purchasing"'::regclass, '"TrackingJob"'::regclass)`,
    )
  ).rows;
  for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  await step(
    "accounts",
    `
    INSERT INTO "OfficialAccount" (email, "accountName", status, "updatedAt")
    SELECT 'buyer' || g || '@example.com', 'buyer ' || g, 'active'::"OfficialAccountStatus", now() FROM generate_series(1, ${volume.accounts}) g`,
  );
  await step(
    "purchasing orders",
    `
    INSERT INTO "Purchasing" ("orderNumber", "officialAccountId", "trackingNumber", "deliveryStatus", carrier, "carrierStatus", "createdAt", "updatedAt")
    SELECT 'W' || lpad(g::text, 10, '0'),
           (SELECT min(id) FROM "OfficialAccount") + g % ${volume.accounts},
           CASE WHEN g % 5 = 0 THEN NULL ELSE lpad(((g::bigint * 7919) % 1000000000000)::text, 12, '0') END,
           (ARRAY['pending','in_transit','out_for_delivery','delivered','delivered','delivered']::"DeliveryStatus"[])[1 + g % 6],
           (CASE WHEN g % 3 = 0 THEN 'japan_post' ELSE 'yamato' END)::"Carrier",
           (ARRAY['配達完了','輸送中','持戻（ご不在）','引受'])[1 + g % 4],
           now() - make_interval(mins => g * 2), now() - make_interval(mins => g * 2)
    FROM generate_series(1, ${volume.orders}) g`,
  );
  await step(
    "sync logs",
    `
    INSERT INTO "SyncLog" ("operationType", "taskId", message, success, details, "jobId", "createdAt")
    SELECT (ARRAY['webscraper_tracking','tracking_job_published','tracking_number_empty_triggered','japan_post_tracking_10_triggered','tracking_batch_imported','webscraper_tracking_dry_run'])[1 + g % 6],
           'task-' || (g % 50000),
           (ARRAY['Processed export of job ','Published scraping job ','Queued worker run ','Parse error in job '])[1 + g % 4] || g || ' for owryt-' || lpad(to_hex(g % 65536), 8, '0'),
           g % 10 <> 0, '{}'::jsonb, (g % 200000)::text,
           now() - make_interval(secs => g * 31)
    FROM generate_series(1, ${volume.logs}) g`,
  );
  await step(
    "tracking batches",
    `
    INSERT INTO "TrackingBatch" ("filePath", "taskName", "totalJobs", "completedJobs", status, "createdAt", "updatedAt")
    SELECT '/official_website_redirect_to_yamato_tracking/OWRYT-' || g || '.xlsx', 'official_website_redirect_to_yamato_tracking',
           ${volume.jobsPerBatch}, ${volume.jobsPerBatch}, 'completed', now() - make_interval(mins => g * 105), now()
    FROM generate_series(1, ${volume.batches}) g`,
  );
  await step(
    "tracking jobs",
    `
    INSERT INTO "TrackingJob" ("batchId", "jobId", "customId", "targetUrl", index, status, "updatedAt")
    SELECT b.id, (b.id * 100 + i)::text, 'owryt-' || left(b."batchUuid"::text, 8) || '-' || lpad(i::text, 4, '0'),
           'https://store.apple.com/go/jp/vieworder/W' || lpad((b.id * 100 + i)::text, 10, '0') || '/buyer@example.com', i, 'completed', now()
    FROM "TrackingBatch" b CROSS JOIN generate_series(0, ${volume.jobsPerBatch - 1}) i`,
  );
  await step(
    "executor runs",
    `
    INSERT INTO inngest_executor.runs (id, function_id, event, trigger, status, max_attempts, attempts, created_at, started_at, ended_at)
    SELECT 'run-' || lpad(g::text, 8, '0'), 'resale-ops-process-webscraper-tracking', '{"name":"webscraper/job.finished","data":{}}'::jsonb,
           'webscraper/job.finished', CASE WHEN g % 20 = 0 THEN 'failed' ELSE 'completed' END, 5, 1,
           now() - make_interval(mins => g * 10), now() - make_interval(mins => g * 10), now() - make_interval(mins => g * 10) + interval '2 seconds'
    FROM generate_series(1, ${volume.runs}) g`,
  );
  await client.query(`SET maintenance_work_mem = '256MB'`);
  const indexStarted = performance.now();
  const indexSeconds: string[] = [];
  for (const index of indexes) {
    const t = performance.now();
    await client.query(index.def);
    indexSeconds.push(`${index.name} ${((performance.now() - t) / 1000).toFixed(1)}`);
  }
  console.log(`  ${indexes.length} indexes: ${((performance.now() - indexStarted) / 1000).toFixed(1)} s (${indexSeconds.join(", ")})`);
  await step(
    `${foreignKeys.length} foreign keys`,
    foreignKeys.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.def}`).join(";\n"),
  );
  await step("analyze", `ANALYZE`);
  console.log(`  total: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await client.end();
  return true;
}

/** A bench admin with a fresh password (a reused database has its first admin already). */
async function benchAdmin(): Promise<{ email: string; password: string }> {
  const db = createPrismaClient(databaseUrl);
  try {
    const admin = { email: "scale-bench@example.com", password: randomBytes(18).toString("base64url") };
    await upsertUser({ ...admin, role: "admin", name: "Scale benchmark" }, db);
    return admin;
  } finally {
    await db.$disconnect();
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; "), origin: appUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`Sign-in failed (${response.status})`);
  return [...cookies, session].join("; ");
}

async function median(url: string, cookie: string): Promise<{ ms: number; fastest: number; status: number }> {
  const times: number[] = [];
  let status = 0;
  await fetch(url, { headers: { cookie } }).then((r) => r.arrayBuffer()); // warm-up: route compiled, plan cached
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    status = response.status;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], fastest: times[0], status };
}

try {
  await fill();
  const platform = await startPlatform({
    dataDir,
    appPort: await freePort(),
    executorPort: await freePort(),
    databaseUrl,
    demoData: false,
  });
  try {
    const admin = await benchAdmin();
    const cookie = await signIn(platform.appUrl, admin.email, admin.password);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const order = (
      await client.query(
        `SELECT "orderNumber", "trackingNumber" FROM "Purchasing" WHERE "trackingNumber" IS NOT NULL ORDER BY id LIMIT 1 OFFSET ${Math.floor(volume.orders / 3)}`,
      )
    ).rows[0];
    const batch = (
      await client.query(
        `SELECT "batchUuid"::text AS uuid FROM "TrackingBatch" ORDER BY id LIMIT 1 OFFSET ${Math.floor(volume.batches / 2)}`,
      )
    ).rows[0];
    await client.end();
    const apis: [string, string][] = [
      // The floor every API below pays: a signed-in request reading one small row (session check, routing, JSON).
      ["reference: signed-in request, one small read", "/api/me/preferences"],
      ["sync logs, no filter", "/api/sync-logs"],
      ["sync logs, operation type", "/api/sync-logs?operation_type=tracking_job_published"],
      ["sync logs, failures", "/api/sync-logs?success=false"],
      ["sync logs, job id", "/api/sync-logs?job_id=4242"],
      ["sync logs, last 24 h", "/api/sync-logs?hours=24"],
      ["sync logs, text search", "/api/sync-logs?q=Parse%20error"],
      ["sync logs, rare text", `/api/sync-logs?q=${encodeURIComponent("job 777777 ")}`],
      ["purchasing, by order number", `/api/purchasings?q=${order.orderNumber}`],
      ["purchasing, by tracking number", `/api/purchasings?q=${order.trackingNumber}`],
      ["purchasing, partial number", `/api/purchasings?q=${order.orderNumber.slice(-6)}`],
      ["purchasing, no filter", "/api/purchasings"],
      ["purchasing, page 100", "/api/purchasings?page=100"],
      ["purchasing, missing tracking", "/api/purchasings?missing_tracking=true"],
      ["purchasing, status delivered", "/api/purchasings?delivery_status=delivered"],
      ["batches", "/api/tracking/batches"],
      ["one batch (short id)", `/api/tracking/batches/${batch.uuid.slice(0, 8)}`],
      ["overview", "/api/overview"],
      ["runs", "/api/runs"],
      ["runs, failed", "/api/runs?status=failed"],
    ];
    // One call of every API first: routes compiled, plans cached, and the platform's
    // start-up work (function sync, first cron ticks) over before any timing.
    for (const [, url] of apis) await fetch(`${platform.appUrl}${url}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    console.log(`\nload average (1 / 5 / 15 min) before measuring: ${loadAverage()}`);
    // The fastest call shows what the server needs when the shared machine lets it run.
    console.log(`\n| API | median of ${calls} (ms) | fastest (ms) | status |\n| --- | ---: | ---: | --- |`);
    for (const [label, url] of apis) {
      const { ms, fastest, status } = await median(`${platform.appUrl}${url}`, cookie);
      console.log(`| ${label} | ${ms.toFixed(1)}${ms >= 100 ? " ⚠" : ""} | ${fastest.toFixed(1)} | ${status} |`);
    }
    console.log(`\nload average after measuring: ${loadAverage()}`);
  } finally {
    await platform.stop();
  }
} finally {
  await embedded?.stop();
  if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
}
