// Benchmark: full order sync of 50,000 orders over 10 shops against the Temu
// simulator (20 requests/second per app_key, 30 ms latency), then package-number
// enrichment; prints orders/s and enrichment tasks/s as a share of the rate
// budget (10 app_keys × 20/s), and the busiest second any app_key had at Temu.
// Uses DATABASE_URL, or starts its own embedded Postgres.
//   npx tsx scripts/bench/temu-sync.ts [--shops 10] [--orders 50000] [--enrich-seconds 60]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import { startTemuSimulator } from "../../lib/local-runtime/simulators/temu";

const { values } = parseArgs({
  options: {
    shops: { type: "string", default: "10" },
    orders: { type: "string", default: "50000" },
    "enrich-seconds": { type: "string", default: "60" },
    latency: { type: "string", default: "30" },
    // Enrichment workers per shop (claims keep their tasks apart); 1 is what the Inngest function runs.
    "workers-per-shop": { type: "string", default: "1" },
    // Reuse a database a previous run filled (DATABASE_URL) and time enrichment only.
    "enrich-only": { type: "boolean", default: false },
  },
});
const SHOPS = Number(values.shops);
const ORDERS = Number(values.orders);
const ENRICH_SECONDS = Number(values["enrich-seconds"]);
const RATE = 20;

function busiestSecond(times: number[]): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function main() {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  if (!process.env.DATABASE_URL) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "temu-bench-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    process.env.DATABASE_URL = embedded.url;
    console.log(`embedded Postgres (PGlite) at ${embedded.url}`);
  } else {
    console.log(`DATABASE_URL ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ":***@")}`);
  }
  const sim = await startTemuSimulator({
    seed: 2026,
    ratePerAppKey: RATE,
    faults: { latencyMs: Number(values.latency) },
    shops: Array.from({ length: SHOPS }, (_, i) => ({
      shopId: `bench-${i + 1}`,
      name: `Bench shop ${i + 1}`,
      appKey: `bench-app-key-${i + 1}`,
      appSecret: `bench-app-secret-${i + 1}`,
      accessToken: `bench-token-${i + 1}`,
      orderCount: Math.floor(ORDERS / SHOPS),
      historyDays: 30,
      futureDays: 1,
    })),
  });
  try {
    await applyMigrations(process.env.DATABASE_URL!);
    const { prisma } = await import("../../lib/db/client");
    const { createTemuDeps } = await import("../../lib/temu/shop-client");
    const { runOrderSync } = await import("../../lib/temu/order-sync");
    const { runEnrichment } = await import("../../lib/temu/enrichment");
    const enrichOnly = values["enrich-only"];
    if (!enrichOnly) await prisma.$executeRawUnsafe(`TRUNCATE "Shop", "TemuRateSlot", "TemuApiCall" RESTART IDENTITY CASCADE`);
    const shops = [];
    for (const s of sim.shops) {
      const data = {
        shopId: s.shopId,
        name: s.name,
        appKey: s.appKey,
        appSecret: s.appSecret,
        accessToken: s.accessToken,
        apiBaseUrl: sim.url,
      };
      shops.push(await prisma.shop.upsert({ where: { shopId: s.shopId }, create: data, update: { apiBaseUrl: sim.url } }));
    }
    const deps = createTemuDeps(prisma);
    const budget = RATE * SHOPS;
    const WORKERS = Number(values["workers-per-shop"]);

    // Phase 1: full order sync, every shop at once.
    let t0 = performance.now();
    if (!enrichOnly) {
      const summaries = await Promise.all(shops.map((shop) => runOrderSync(deps, { shopId: shop.id, mode: "full", trigger: "bench" })));
      const seconds = (performance.now() - t0) / 1000;
      const parents = (await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(DISTINCT "parentOrderSn") AS n FROM "TemuOrder"`))[0].n;
      const children = await prisma.temuOrder.count();
      const listCalls = await prisma.temuApiCall.count({ where: { type: "bg.order.list.v2.get" } });
      console.log(`\nfull order sync: ${SHOPS} shops, ${parents} parent orders (${children} child rows) in ${seconds.toFixed(1)} s`);
      console.log(`  ${(Number(parents) / seconds).toFixed(0)} parent orders/s, ${(children / seconds).toFixed(0)} child rows/s`);
      console.log(
        `  ${listCalls} list calls = ${(listCalls / seconds).toFixed(1)} calls/s of a ${budget}/s budget (${((100 * listCalls) / seconds / budget).toFixed(0)}%)`,
      );
      console.log(
        `  runs: ${summaries.filter((s) => s.status === "completed").length} completed, tasks queued: ${await prisma.orderDetailTask.count()}`,
      );
    }

    // Phase 2: enrichment, one worker per shop, for a fixed time.
    t0 = performance.now();
    const deadline = Date.now() + ENRICH_SECONDS * 1000;
    const callsBefore = await prisma.temuApiCall.count();
    const done = await Promise.all(
      shops
        .flatMap((shop) => Array.from({ length: WORKERS }, () => shop))
        .map(async (shop, i) => {
          let tasks = 0;
          let batch = 0;
          while (Date.now() < deadline) {
            const result = await runEnrichment(deps, { runId: `bench-${i}-${batch++}`, shopId: shop.id, maxBatches: 1 });
            if (result.batches === 0) break;
            tasks += result.completed + result.failed + result.retried;
          }
          return tasks;
        }),
    );
    const enrichSeconds = (performance.now() - t0) / 1000;
    await deps.callLog.flush();
    const tasks = done.reduce((a, b) => a + b, 0);
    const detailCalls = (await prisma.temuApiCall.count()) - callsBefore;
    console.log(`\nenrichment: ${tasks} tasks in ${enrichSeconds.toFixed(1)} s = ${(tasks / enrichSeconds).toFixed(1)} tasks/s`);
    console.log(
      `  ${(detailCalls / enrichSeconds).toFixed(1)} detail calls/s of a ${budget}/s budget: ${((100 * tasks) / enrichSeconds / budget).toFixed(1)}% of the budget used by tasks`,
    );
    const rejected = await prisma.temuApiCall.count({ where: { errorCode: 4000004 } });
    const busiest = Math.max(...sim.shops.map((s) => busiestSecond(sim.acceptedCallTimes(s.appKey))));
    console.log(
      `\nrate limit: busiest second of any app_key at the simulator ${busiest} requests (limit ${RATE}); 4000004 answers: ${rejected}`,
    );
    const statuses = await prisma.orderDetailTask.groupBy({ by: ["status"], _count: true });
    console.log(`tasks by status: ${statuses.map((s) => `${s.status} ${s._count}`).join(", ")}`);
    await prisma.$disconnect();
  } finally {
    await sim.stop();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
