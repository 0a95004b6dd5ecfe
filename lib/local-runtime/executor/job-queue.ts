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
 * Leases the next due job whose concurrency scopes still have room, in one
 * statement, so every claim sees the leases taken before it and the
 * concurrency count stays exact. The statement is the database function
 * claim_next_job (schema.ts, where its cost is explained: independent of the
 * backlog); a function, so the server plans it once per session instead of on
 * every claim, which on the embedded database cost more than running it.
 */
export async function claimNextJob(db: Db, owner: string, leaseMs: number): Promise<Job | undefined> {
  const { rows } = await db.query(`SELECT * FROM ${SCHEMA}.claim_next_job($1, $2)`, [owner, leaseMs]);
  return rows[0] as Job | undefined;
}

/**
 * Leases up to `limit` more due event jobs (routing an accepted event), oldest
 * first, for routing together with one just claimed. Event jobs have no
 * concurrency slots, so the claim's scope counting has nothing to do for them
 * (the jobs_group_due_idx scan of the slot-less group finds them).
 */
export async function claimDueEventJobs(db: Db, owner: string, leaseMs: number, limit: number): Promise<Job[]> {
  if (limit <= 0) return [];
  const { rows } = await db.query(
    `WITH next AS (
       SELECT id FROM ${SCHEMA}.jobs
       WHERE concurrency_group = '' AND kind = 'event' AND run_at <= clock_timestamp()
         AND (lease_until IS NULL OR lease_until < clock_timestamp())
       ORDER BY run_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     UPDATE ${SCHEMA}.jobs j
     SET lease_owner = $1, lease_until = clock_timestamp() + $2::double precision * interval '1 millisecond'
     FROM next WHERE j.id = next.id
     RETURNING j.id::text, j.kind, j.run_id, j.event_id, j.step_id, j.attempt`,
    [owner, leaseMs, limit],
  );
  return (rows as Job[]).sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Milliseconds until the next job becomes due (capped), so idle workers sleep
 * just long enough. Only jobs due in the future count: one due already that the
 * claim just passed over is blocked (its concurrency is full) or another
 * executor's, and whatever frees it wakes this loop (a job of this executor
 * finishing) or is seen at the next poll. Counting it as "due in 0 ms", as
 * min() over an empty table also did (GREATEST ignores its NULL), spun the idle
 * loop at ~200 claims a second: most of the embedded database's CPU.
 */
export async function msUntilNextDueJob(db: Db, capMs: number): Promise<number> {
  const { rows } = await db.query(
    `SELECT EXTRACT(EPOCH FROM (min(due) - clock_timestamp())) * 1000 AS wait
     FROM (SELECT COALESCE(GREATEST(run_at, lease_until), run_at) AS due FROM ${SCHEMA}.jobs) j
     WHERE due > clock_timestamp()`,
  );
  const wait = rows[0]?.wait;
  return wait === null || wait === undefined ? capMs : Math.max(0, Math.min(capMs, Number(wait)));
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

/** Deletes finished jobs this worker still holds; returns the ids it deleted. */
export async function finishJobs(q: Queryable, jobs: Job[], owner: string): Promise<Set<string>> {
  const { rows } = await q.query(`DELETE FROM ${SCHEMA}.jobs WHERE id = ANY($1::bigint[]) AND lease_owner = $2 RETURNING id::text`, [
    jobs.map((job) => job.id),
    owner,
  ]);
  return new Set(rows.map((row) => row.id as string));
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
    [
      job.id,
      owner,
      changes.attempt,
      changes.runAtMs,
      changes.stepId === undefined ? job.step_id : changes.stepId,
      changes.concurrency ? JSON.stringify(changes.concurrency) : null,
    ],
  );
  return (rowCount ?? 0) > 0;
}

export async function deleteJobsOfRun(q: Queryable, runId: string): Promise<void> {
  await q.query(`DELETE FROM ${SCHEMA}.jobs WHERE run_id = $1`, [runId]);
}
