// Benchmark (issue 10 item 4): WebScraper.io job-finished webhook intake
// against GET /api/health on the same running platform (embedded database
// unless DATABASE_URL is set, local executor, simulators), 20 concurrent
// clients each. Target: webhook throughput >= 50% of health's, webhook p99 < 1 s.
//   npx tsx scripts/bench/webhook-throughput.ts [--requests 1000] [--clients 20] [--rounds 2]
// Needs a built app (npm run build). Loopback traffic only; stops by itself.
//
// Rounds alternate health and webhooks. Each phase starts on a quiet server:
// the bench first waits until the executor has no run or job left (else the
// previous round's backlog is processed during the next health phase and the
// ratio measures the backlog). The webhooks' runs (process-webscraper-tracking)
// are processed alongside their own phase, as in production, and the time to
// drain them afterwards is printed. Then, to show where a webhook's time goes, the same 20 clients
// hit the parts one at a time: the executor's event API alone (what
// inngest.send costs), and the webhook with a bad token (routing + token check
// only, no database or engine).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startPlatform } from "../../lib/local-runtime/platform/start-platform";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    clients: { type: "string", default: "20" },
    rounds: { type: "string", default: "2" },
  },
});
const total = Number(values.requests);
const clients = Number(values.clients);
const rounds = Number(values.rounds);

interface Phase {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: string;
}

/** `count` requests from `clients` concurrent clients; each `request(i)` returns the HTTP status. */
async function hammer(request: (i: number) => Promise<number>, count = total): Promise<Phase> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const status = await request(i);
        latencies.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    perSecond: count / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1)!,
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(", "),
  };
}

const show = (name: string, p: Phase) =>
  console.log(
    `  ${name.padEnd(34)} ${p.perSecond.toFixed(0).padStart(5)}/s   p50 ${p.p50.toFixed(0).padStart(4)} ms  p95 ${p.p95.toFixed(0).padStart(4)} ms  p99 ${p.p99.toFixed(0).padStart(4)} ms  max ${p.max.toFixed(0).padStart(5)} ms  (${p.statuses})`,
  );

const dataDir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-webhook-bench-"));
const executorPort = await freePort();
const platform = await startPlatform({
  dataDir,
  appPort: await freePort(),
  dbPort: await freePort(),
  executorPort,
  // Any Postgres by DATABASE_URL; the embedded PGlite server otherwise.
  databaseUrl: process.env.DATABASE_URL,
  demoData: false,
});
const token = platform.env.WEBSCRAPER_WEBHOOK_TOKEN!;
const db = new pg.Client({ connectionString: platform.env.DATABASE_URL });
await db.connect();

/** Waits until the executor has nothing queued, running or due (at most 5 minutes); returns the seconds it took. */
async function drained(): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 300_000) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM inngest_executor.runs WHERE status IN ('queued', 'running'))
            + (SELECT count(*) FROM inngest_executor.jobs WHERE run_at <= now()) AS n`,
    );
    if (Number(rows[0].n) === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the executor did not drain its backlog within 5 minutes");
}
const webhookBase = `${platform.appUrl}/api/acquisition/webscraper/webscraper-tracking/`;
let jobSeq = 1_000_000;

async function consume(response: Response): Promise<number> {
  await response.arrayBuffer();
  return response.status;
}

const health = () => fetch(`${platform.appUrl}/api/health`).then(consume);
const webhook = (jobId: number, withToken = token) =>
  fetch(`${webhookBase}?token=${encodeURIComponent(withToken)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      scrapingjob_id: String(jobId),
      status: "finished",
      sitemap_id: "1421177",
      sitemap_name: "official-website-sitemap",
      custom_id: `owryt-bench0000-${String(jobId % 10_000).padStart(4, "0")}`,
    }).toString(),
  }).then(consume);
// The executor's event API as the app's Inngest client calls it.
const executorEvent = (i: number) =>
  fetch(`http://127.0.0.1:${executorPort}/e/${encodeURIComponent(platform.env.INNGEST_EVENT_KEY ?? "dev")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ name: "bench/unmatched", id: `bench-${i}-${Date.now()}`, data: { i } }]),
  }).then(consume);

try {
  console.log(
    `database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PGlite"}; node ${process.version}; ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  console.log(`${total} requests per phase, ${clients} concurrent clients, ${rounds} round(s)`);
  // Warm-up, as many requests as a phase: routes compiled and the JIT settled (with 20 requests, the first
  // measured health phase ran at two thirds of the second's speed), pools open.
  await hammer(() => health());
  await hammer(() => webhook(jobSeq++));
  const ratios: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round}:`);
    await drained();
    const h = await hammer(() => health());
    show("GET /api/health", h);
    await drained();
    const w = await hammer(() => webhook(jobSeq++));
    show("POST webhook (accepted)", w);
    console.log(`  their runs finished ${(await drained()).toFixed(1)} s after the last webhook was answered`);
    ratios.push(w.perSecond / h.perSecond);
    p99s.push(w.p99);
    console.log(`  webhook / health: ${(100 * (w.perSecond / h.perSecond)).toFixed(0)}%`);
  }
  console.log("where a webhook's time goes (same clients, one part at a time):");
  await drained();
  show("POST webhook, wrong token (403)", await hammer(() => webhook(jobSeq++, "wrong-token")));
  show("executor event API alone", await hammer((i) => executorEvent(i)));
  console.log(
    `result: webhook / health ${ratios.map((r) => `${(100 * r).toFixed(0)}%`).join(", ")} (target >= 50%); webhook p99 ${p99s.map((p) => `${p.toFixed(0)} ms`).join(", ")} (target < 1000 ms)`,
  );
} finally {
  await db.end();
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
