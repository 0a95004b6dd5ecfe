// Benchmark: WebScraper.io job-finished webhooks accepted per second by the
// running platform (embedded database, local executor), with 20 concurrent
// clients posting the form-encoded notification WebScraper.io sends.
//   npx tsx scripts/bench/webhooks.ts [--requests 2000] [--clients 20]
// Needs a built app (npm run build). Loopback traffic only; stops by itself.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startPlatform } from "../../lib/local-runtime/platform/start-platform";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const { values } = parseArgs({ options: { requests: { type: "string", default: "2000" }, clients: { type: "string", default: "20" } } });
const total = Number(values.requests);
const clients = Number(values.clients);

const dataDir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-bench-"));
const platform = await startPlatform({
  dataDir,
  appPort: await freePort(),
  dbPort: await freePort(),
  executorPort: await freePort(),
  // Any Postgres by DATABASE_URL; the embedded PGlite server otherwise.
  databaseUrl: process.env.DATABASE_URL,
  demoData: false,
});
console.log(`database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PGlite"}`);
const url = `${platform.appUrl}/api/acquisition/webscraper/webscraper-tracking/?token=${encodeURIComponent(platform.env.WEBSCRAPER_WEBHOOK_TOKEN!)}`;

async function post(jobId: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      scrapingjob_id: String(jobId),
      status: "finished",
      sitemap_id: "1421177",
      sitemap_name: "official-website-sitemap",
      custom_id: `owryt-bench0000-${String(jobId % 10_000).padStart(4, "0")}`,
    }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

try {
  for (let i = 0; i < 20; i++) await post(9_000_000 + i); // warm-up: route compiled, pools open
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const { status, ms } = await post(1_000_000 + next++);
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(`webhooks: ${total} requests, ${clients} concurrent clients`);
  console.log(`  accepted/s: ${(total / seconds).toFixed(0)}  (${seconds.toFixed(2)} s)`);
  console.log(`  latency ms: p50 ${pct(50)}  p95 ${pct(95)}  p99 ${pct(99)}  max ${latencies.at(-1)!.toFixed(1)}`);
  console.log(`  answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
} finally {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
