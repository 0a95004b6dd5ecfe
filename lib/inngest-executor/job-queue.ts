import { SCHEMA, type Db, type Queryable } from "./database";
import type { ConcurrencySlot, Job, JobKind } from "./types";

// Work items live in one table. A worker leases a row (lease_owner/lease_until)
// with a single UPDATE ... FOR UPDATE SKIP LOCKED, and deletes it in the same
// transaction that records the outcome; a crash leaves the lease to expire and
// another executor picks the row up again. Nothing is ever only in memory.

export interface NewJob {
  kind: JobKind;
  runId?: string | null;
  eventId?: string | null;
  stepId?: string | null;
  attempt?: number;
  runAtMs?: number; // absolute time; default now
  concurrency?: ConcurrencySlot[] | null;
}

/**
 * Queues a job. An immediate call of an existing run (its next step, its next
 * discovery) is scored with the run's start time, as Inngest's queue does
 * (pkg/execution/queue/item.go QueueItem.Score): under a concurrency limit the
 * oldest run's next step goes first, instead of every run advancing one step
 * in turn. Delayed jobs (retries, throttled starts, sleeps) keep their time.
 */
export async function enqueueJob(q: Queryable, job: NewJob): Promise<void> {
  await q.query(
    `INSERT INTO ${SCHEMA}.jobs (kind, run_id, event_id, step_id, attempt, run_at, concurrency)
     VALUES ($1::text, $2::text, $3, $4, $5,
       CASE WHEN $6::double precision IS NULL AND $1::text = 'call' AND $2::text IS NOT NULL
            THEN LEAST(now(), COALESCE((SELECT created_at FROM ${SCHEMA}.runs WHERE id = $2::text), now()))
            ELSE COALESCE(to_timestamp($6::double precision / 1000), now()) END,
       $7)`,
    [
      job.kind,
      job.runId ?? null,
      job.eventId ?? null,
      job.stepId ?? null,
      job.attempt ?? 0,
      job.runAtMs ?? null,
      job.concurrency?.length ? JSON.stringify(job.concurrency) : null,
    ],
  );
}

/**
 * Leases the next due job whose concurrency scopes still have room. Claiming
 * one row per statement keeps the concurrency count exact: every claim sees
 * the leases taken before it.
 *
 * Cost independent of the backlog (issue 10: counting the leases again for
 * every due job made a claim take 822 ms with 1,620 due jobs behind a limit of
 * 2, and seconds at 5,000):
 * - `busy`: the leased jobs are counted once per scope, into one scope -> count
 *   map, reading only leased rows (jobs_leased_idx);
 * - `groups`: jobs with the same concurrency slots form a group
 *   (concurrency_group, a generated column); a loose index scan visits each
 *   group once instead of each job;
 * - `candidates`: per group whose scopes have room, its oldest due unleased job
 *   (jobs_group_due_idx; only the group's few leased jobs are stepped over).
 * The oldest candidate is leased, as the plain "oldest due job with room" scan
 * would. A job never counts against itself: a due job's lease is absent or
 * expired, a busy job's is not. Candidates are locked with SKIP LOCKED; a claim
 * racing another for the same candidate may come back empty and the
 * dispatcher simply claims again.
 * (tests/inngest-executor/claim-under-backlog.test.ts, scripts/bench/claim-under-backlog.ts)
 */
export async function claimNextJob(db: Db, owner: string, leaseMs: number): Promise<Job | undefined> {
  const { rows } = await db.query(
    `WITH RECURSIVE busy AS MATERIALIZED (
       SELECT COALESCE(jsonb_object_agg(scope, n), '{}'::jsonb) AS counts
       FROM (SELECT busy_slot->>'scope' AS scope, count(*) AS n
             FROM ${SCHEMA}.jobs busy, jsonb_array_elements(busy.concurrency) busy_slot
             WHERE busy.lease_until >= clock_timestamp() AND busy.concurrency IS NOT NULL
             GROUP BY 1) per_scope),
     groups (g) AS (
       SELECT min(concurrency_group) FROM ${SCHEMA}.jobs
       UNION ALL
       SELECT (SELECT min(concurrency_group) FROM ${SCHEMA}.jobs WHERE concurrency_group > groups.g)
       FROM groups WHERE groups.g IS NOT NULL),
     candidates AS (
       SELECT c.id, c.run_at
       FROM groups, busy, LATERAL (
         SELECT j.id, j.run_at, j.concurrency FROM ${SCHEMA}.jobs j
         WHERE j.concurrency_group = groups.g
           AND j.run_at <= clock_timestamp()
           AND (j.lease_until IS NULL OR j.lease_until < clock_timestamp())
         ORDER BY j.run_at, j.id
         LIMIT 1) c
       WHERE groups.g IS NOT NULL
         AND (c.concurrency IS NULL OR NOT EXISTS (
           SELECT 1 FROM jsonb_array_elements(c.concurrency) slot
           WHERE COALESCE((busy.counts->>(slot->>'scope'))::int, 0) >= (slot->>'limit')::int))),
     next AS (
       SELECT j.id FROM ${SCHEMA}.jobs j
       WHERE j.id = ANY (ARRAY(SELECT id FROM candidates))
         AND (j.lease_until IS NULL OR j.lease_until < clock_timestamp())
       ORDER BY j.run_at, j.id
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     UPDATE ${SCHEMA}.jobs j
     SET lease_owner = $1, lease_until = clock_timestamp() + $2::double precision * interval '1 millisecond'
     FROM next WHERE j.id = next.id
     RETURNING j.id::text, j.kind, j.run_id, j.event_id, j.step_id, j.attempt`,
    [owner, leaseMs],
  );
  return rows[0] as Job | undefined;
}

/** Milliseconds until the next job becomes due (capped), so idle workers sleep just long enough. */
export async function msUntilNextDueJob(db: Db, capMs: number): Promise<number> {
  const { rows } = await db.query(
    `SELECT GREATEST(0, EXTRACT(EPOCH FROM (min(COALESCE(GREATEST(run_at, lease_until), run_at)) - clock_timestamp())) * 1000) AS wait
     FROM ${SCHEMA}.jobs`,
  );
  const wait = rows[0]?.wait;
  return wait === null || wait === undefined ? capMs : Math.min(capMs, Number(wait));
}

export async function extendLeases(db: Db, owner: string, jobIds: string[], leaseMs: number): Promise<void> {
  if (jobIds.length === 0) return;
  await db.query(
    `UPDATE ${SCHEMA}.jobs SET lease_until = clock_timestamp() + $3::double precision * interval '1 millisecond'
     WHERE lease_owner = $1 AND id = ANY($2::bigint[])`,
    [owner, jobIds, leaseMs],
  );
}

/** Hands leased jobs back untouched (a graceful stop), so the next executor starts them at once. */
export async function releaseLeases(db: Db, owner: string, jobIds?: string[]): Promise<void> {
  await db.query(
    `UPDATE ${SCHEMA}.jobs SET lease_owner = NULL, lease_until = NULL
     WHERE lease_owner = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
    [owner, jobIds ?? null],
  );
}

/** Deletes a finished job; false when this worker no longer holds it (lease lost, run cancelled). */
export async function finishJob(q: Queryable, job: Job, owner: string): Promise<boolean> {
  const { rowCount } = await q.query(`DELETE FROM ${SCHEMA}.jobs WHERE id = $1 AND lease_owner = $2`, [job.id, owner]);
  return (rowCount ?? 0) > 0;
}

/** Puts a leased job back to run again later (a retry). */
export async function rescheduleJob(
  q: Queryable,
  job: Job,
  owner: string,
  changes: { attempt: number; runAtMs: number; stepId?: string | null; concurrency?: ConcurrencySlot[] | null },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE ${SCHEMA}.jobs
     SET attempt = $3, run_at = to_timestamp($4::double precision / 1000), step_id = $5,
         concurrency = COALESCE($6::jsonb, concurrency), lease_owner = NULL, lease_until = NULL
     WHERE id = $1 AND lease_owner = $2`,
    [job.id, owner, changes.attempt, changes.runAtMs, changes.stepId === undefined ? job.step_id : changes.stepId, changes.concurrency ? JSON.stringify(changes.concurrency) : null],
  );
  return (rowCount ?? 0) > 0;
}

export async function deleteJobsOfRun(q: Queryable, runId: string): Promise<void> {
  await q.query(`DELETE FROM ${SCHEMA}.jobs WHERE run_id = $1`, [runId]);
}
