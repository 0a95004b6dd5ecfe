// Shared by scripts/bench/claim-under-backlog.ts and its test: a queue of due
// jobs of one function behind a concurrency limit, filled with one statement.
import { SCHEMA, type Db } from "../../lib/local-runtime/executor/database";
import { claimNextJob, releaseLeases } from "../../lib/local-runtime/executor/job-queue";

export const BACKLOG_SCOPE = "fn:backlog-app-backlog:";

/** `jobs` due call jobs, oldest first (ids 1..jobs after a RESTART IDENTITY), all in one concurrency scope. */
export async function fillClaimBacklog(db: Db, options: { jobs: number; limit: number }): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.jobs (kind, run_id, run_at, concurrency)
     SELECT 'call', 'backlog-run-' || n, now() - interval '1 hour' + n * interval '1 millisecond', $2::jsonb
     FROM generate_series(1, $1::int) n`,
    [options.jobs, JSON.stringify([{ scope: BACKLOG_SCOPE, limit: options.limit }])],
  );
  await db.query(`ANALYZE ${SCHEMA}.jobs`);
}

/**
 * Median time of `samples` claims while the backlog's scope is full: fills the
 * scope first (claims up to the limit), so every timed claim has to look past
 * every blocked job. Leases taken here are released at the end.
 */
export async function medianClaimMs(db: Db, samples: number): Promise<number> {
  const owner = "claim-bench";
  while (await claimNextJob(db, owner, 600_000));
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const job = await claimNextJob(db, "claim-bench-probe", 600_000);
    times.push(performance.now() - started);
    if (job) throw new Error(`claimed job ${job.id} although its scope is full`);
  }
  await releaseLeases(db, owner);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
