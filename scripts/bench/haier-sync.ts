// Benchmark: a full Haier sync (product info, prices, stock for 110101, images)
// of the simulator's 5,000-product catalogue with 50 ms latency on every call,
// through the same steps the engine runs. Reports products per minute and
// supplier API calls per product. Uses DATABASE_URL, or starts its own embedded Postgres.
//   npx tsx scripts/bench/haier-sync.ts [products] [latencyMs]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const PRODUCTS = Number(process.argv[2] ?? 5000);
const LATENCY_MS = Number(process.argv[3] ?? 50);

async function main() {
  let embedded: EmbeddedPostgres | undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "haier-bench-"));
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await freePort() });
    process.env.DATABASE_URL = embedded.url;
    console.log(`embedded Postgres (PGlite) at ${embedded.url}`);
  }
  await applyMigrations(process.env.DATABASE_URL!);
  const { createPrismaClient } = await import("../../lib/db/client");
  const { startHaierSimulator } = await import("../../lib/local-runtime/simulators/haier");
  const { createHaierClient, createTokenCache } = await import("../../lib/haier/client");
  const { createImageStore } = await import("../../lib/haier/images/image-store");
  const { runHaierSync, directSteps } = await import("../../lib/haier/sync/run-haier-sync");
  const { createSyncLog } = await import("../../lib/haier/sync/sync-log");
  const { haierSyncRequestSchema } = await import("../../lib/haier/sync/types");
  const db = createPrismaClient(process.env.DATABASE_URL!);
  const sim = await startHaierSimulator({
    catalogueSize: PRODUCTS,
    faults: { latencyMs: LATENCY_MS },
    clientId: "bench",
    clientSecret: "bench-secret",
  });
  const config = {
    clientId: "bench",
    clientSecret: "bench-secret",
    tokenUrl: sim.url,
    baseUrl: sim.url,
    customerCode: "C1",
    sendToCode: "C1",
    supplierCode: "S1",
    salesCode: "C1",
    sellerCode: "C1",
    password: "",
    sellerPassword: "",
  };
  const tokenCache = createTokenCache();
  const deps = {
    db,
    client: () => createHaierClient({ config, tokenCache }),
    images: () => createImageStore({ db, mediaRoot: path.join(tmp, "media") }),
  };
  const request = haierSyncRequestSchema.parse({ syncType: "products", syncPrices: true, syncStock: true });
  try {
    for (const pass of ["first run (all new)", "second run (unchanged)"]) {
      sim.server.clearRequests();
      const log = await createSyncLog(db, { syncType: "products", triggeredBy: "bench" });
      const started = performance.now();
      const outcome = await runHaierSync(deps, directSteps, { logId: log.id, request });
      const seconds = (performance.now() - started) / 1000;
      const calls = sim.callCounts();
      const apiCalls = (calls.token ?? 0) + (calls.products ?? 0) + (calls.prices ?? 0) + (calls.stock ?? 0);
      const processed = outcome.counts.success + outcome.counts.failed;
      console.log(
        `\n${pass}: ${outcome.status}, ${processed} products (${outcome.counts.failed} failed by design: malformed records) in ${seconds.toFixed(1)} s`,
      );
      console.log(`  products/min:       ${Math.round((processed / seconds) * 60)}`);
      console.log(
        `  API calls/product:  ${(apiCalls / processed).toFixed(3)}  (token ${calls.token ?? 0}, product-info ${calls.products ?? 0}, price ${calls.prices ?? 0}, stock ${calls.stock ?? 0})`,
      );
      console.log(`  image downloads:    ${calls.images ?? 0}`);
      console.log(`  avg API latency:    ${Math.round(outcome.counts.apiLatencyMs / Math.max(1, outcome.counts.apiCalls))} ms`);
      console.log(`  created/updated/unchanged: ${outcome.counts.created}/${outcome.counts.updated}/${outcome.counts.unchanged}`);
    }
  } finally {
    await sim.stop();
    await db.$disconnect();
    await embedded?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
