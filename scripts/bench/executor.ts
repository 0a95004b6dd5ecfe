// Benchmark for the local Inngest executor (prints figures; not a test).
//   npx tsx scripts/bench/executor.ts
// Uses DATABASE_URL when set, otherwise starts its own embedded Postgres
// (PGlite) in a temporary folder. Loopback traffic only; bounded in time.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { startExecutor } from "../../lib/local-runtime/executor";
import { createPool, SCHEMA } from "../../lib/local-runtime/executor/database";
import { DATA_TABLES, ensureSchema } from "../../lib/local-runtime/executor/schema";
import { startEmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const EVENTS_TO_ACCEPT = 2_000;
const RUNS_TO_COMPLETE = 150;
const DEADLINE_MS = 90_000;

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

async function main() {
  const started = Date.now();
  let databaseUrl = process.env.DATABASE_URL;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let dataDir: string | undefined;
  if (!databaseUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "executor-bench-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    databaseUrl = embedded.url;
  }
  const db = createPool(databaseUrl, 1);
  await ensureSchema(db);
  await db.query(`TRUNCATE ${DATA_TABLES.map((t) => `${SCHEMA}.${t}`).join(", ")} RESTART IDENTITY`);

  // The same three steps, once through the executor and once as plain calls.
  const work = {
    fetch: (n: number) => ({ n, items: [n, n + 1, n + 2] }),
    price: (items: number[]) => items.reduce((a, b) => a + b, 0),
    store: (total: number) => ({ total, ok: true }),
  };

  const executorPort = await freePort();
  const inngest = new Inngest({ id: "bench", isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: quiet });
  const threeSteps = inngest.createFunction({ id: "three-steps", triggers: [{ event: "bench/three" }] }, async ({ event, step }) => {
    const fetched = await step.run("fetch", () => work.fetch(Number(event.data.n)));
    const total = await step.run("price", () => work.price(fetched.items));
    return step.run("store", () => work.store(total));
  });
  const noop = inngest.createFunction({ id: "accept-only", triggers: [{ event: "bench/none" }] }, async () => null);
  const handler = serve({ client: inngest, functions: [threeSteps, noop] });
  const app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appServeUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;

  // 1. Events accepted per second: the HTTP event API storing events durably (no function matches them).
  const acceptor = await startExecutor({ databaseUrl, appServeUrl, port: executorPort, pollIntervalMs: 5_000 });
  const unmatched = Array.from({ length: EVENTS_TO_ACCEPT }, (_, i) => ({ name: "bench/unmatched", data: { i } }));
  let t = performance.now();
  const batchSize = 1;
  const parallel = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < unmatched.length) {
        const batch = unmatched.slice(next, (next += batchSize));
        await inngest.send(batch);
      }
    }),
  );
  const singleEventsPerSec = EVENTS_TO_ACCEPT / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < 10; i++) await inngest.send(unmatched.slice(i * 100, i * 100 + 100));
  const batchedEventsPerSec = 1_000 / ((performance.now() - t) / 1000);
  await acceptor.stop();
  await db.query(`TRUNCATE ${SCHEMA}.jobs, ${SCHEMA}.events`);

  // 2. Completed three-step runs per second, end to end (event in -> run completed).
  const executor = await startExecutor({ databaseUrl, appServeUrl, port: executorPort, pollIntervalMs: 20, maxConcurrentJobs: 16 });
  t = performance.now();
  for (let i = 0; i < RUNS_TO_COMPLETE; i += 50) {
    await inngest.send(Array.from({ length: Math.min(50, RUNS_TO_COMPLETE - i) }, (_, j) => ({ name: "bench/three", data: { n: i + j } })));
  }
  let completed = 0;
  while (Date.now() - started < DEADLINE_MS) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.runs WHERE status = 'completed'`);
    completed = rows[0].n;
    if (completed >= RUNS_TO_COMPLETE) break;
    await sleep(50);
  }
  const runSeconds = (performance.now() - t) / 1000;
  const runsPerSec = completed / runSeconds;

  // 3. One run alone, to see the latency of a single three-step run.
  t = performance.now();
  await inngest.send({ name: "bench/three", data: { n: -1 } });
  while (Date.now() - started < DEADLINE_MS) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.runs WHERE status = 'completed'`);
    if (rows[0].n > completed) break;
    await sleep(5);
  }
  const singleRunMs = performance.now() - t;
  await executor.stop();

  // 4. The same code called directly.
  const directRuns = 100_000;
  t = performance.now();
  for (let n = 0; n < directRuns; n++) {
    const fetched = work.fetch(n);
    work.store(work.price(fetched.items));
  }
  const directPerStepMs = (performance.now() - t) / directRuns / 3;
  // Each run is 3 steps plus the final call that returns the result.
  const executorPerStepMs = (runSeconds * 1000) / (completed * 3);

  console.log("Local Inngest executor benchmark");
  console.log(
    `  database: ${embedded ? "embedded PGlite (pglite-server)" : "DATABASE_URL"}; node ${process.version}; ${os.cpus().length} cores`,
  );
  console.log(`  events accepted/s   one event per send, 8 senders: ${fmt(singleEventsPerSec)}`);
  console.log(`  events accepted/s   100 events per send:           ${fmt(batchedEventsPerSec)}`);
  console.log(`  three-step runs/s   ${completed} runs completed in ${fmt(runSeconds)} s: ${fmt(runsPerSec)}`);
  console.log(`  single run latency  one three-step run, idle executor: ${fmt(singleRunMs)} ms`);
  console.log(`  per-step cost       through the executor (throughput): ${fmt(executorPerStepMs)} ms/step`);
  console.log(`                      direct call of the same code:       ${(directPerStepMs * 1000).toFixed(3)} µs/step`);
  console.log(`                      overhead per step:                  ~${fmt(executorPerStepMs - directPerStepMs)} ms`);

  app.closeAllConnections();
  await new Promise<void>((r) => app.close(() => r()));
  await db.end();
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
