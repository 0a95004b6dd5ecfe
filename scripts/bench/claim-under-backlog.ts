// Benchmark (issue 10 item 2): the executor's claim with 5,000 due jobs of one
// function behind a concurrency limit of 2, against the same claim on an empty
// queue. Target: < 20 ms per claim, and no growth with the backlog.
//   npx tsx scripts/bench/claim-under-backlog.ts [--jobs 5000] [--samples 31]
// Uses DATABASE_URL when set (its inngest_executor schema is emptied!), otherwise
// starts its own embedded Postgres (PGlite) in a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPool, SCHEMA } from "../../lib/local-runtime/executor/database";
import { DATA_TABLES, ensureSchema } from "../../lib/local-runtime/executor/schema";
import { startEmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";
import { fillClaimBacklog, medianClaimMs } from "./claim-backlog-fixture";

const { values } = parseArgs({ options: { jobs: { type: "string", default: "5000" }, samples: { type: "string", default: "31" } } });
const jobs = Number(values.jobs);
const samples = Number(values.samples);

let databaseUrl = process.env.DATABASE_URL;
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let dataDir: string | undefined;
if (!databaseUrl) {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "claim-bench-"));
  embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  databaseUrl = embedded.url;
}
const db = createPool(databaseUrl, 1);
try {
  await ensureSchema(db);
  await db.query(`TRUNCATE ${DATA_TABLES.map((t) => `${SCHEMA}.${t}`).join(", ")} RESTART IDENTITY`);
  // Warm-up: plans cached by the server where it caches them, pool connected.
  await medianClaimMs(db, 5);
  const empty = await medianClaimMs(db, samples);
  await fillClaimBacklog(db, { jobs, limit: 2 });
  const backlog = await medianClaimMs(db, samples);
  console.log(
    `executor claim, median of ${samples} (${embedded ? "embedded PGlite" : "DATABASE_URL"}; load average ${os.loadavg()[0].toFixed(1)})`,
  );
  console.log(`  empty queue:                               ${empty.toFixed(1)} ms`);
  console.log(`  ${jobs} due jobs blocked by a limit of 2:  ${backlog.toFixed(1)} ms  (target < 20 ms)`);
} finally {
  await db.query(`TRUNCATE ${SCHEMA}.jobs RESTART IDENTITY`).catch(() => {});
  await db.end();
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
