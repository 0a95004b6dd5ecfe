import { SCHEMA, type Db } from "./database";

// The executor owns its schema and upgrades it itself at start; each entry runs
// once, in order, recorded in schema_version. Never edit an applied entry: add one.
const MIGRATIONS: string[] = [
  `
  CREATE TABLE ${SCHEMA}.functions (
    id text PRIMARY KEY,
    app_id text NOT NULL,
    name text NOT NULL,
    url text NOT NULL,
    config jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE ${SCHEMA}.events (
    id text PRIMARY KEY,
    name text NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX events_received_idx ON ${SCHEMA}.events (received_at);
  CREATE TABLE ${SCHEMA}.runs (
    id text PRIMARY KEY,
    function_id text NOT NULL,
    event_id text,
    event jsonb NOT NULL,
    trigger text NOT NULL,
    status text NOT NULL,
    step_state jsonb NOT NULL DEFAULT '{}',
    stack jsonb NOT NULL DEFAULT '[]',
    outstanding integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    concurrency jsonb,
    output jsonb,
    error jsonb,
    parent_run_id text,
    parent_step_id text,
    rerun_of text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    ended_at timestamptz
  );
  CREATE INDEX runs_status_idx ON ${SCHEMA}.runs (status);
  CREATE INDEX runs_function_idx ON ${SCHEMA}.runs (function_id, id);
  CREATE TABLE ${SCHEMA}.steps (
    id bigserial PRIMARY KEY,
    run_id text NOT NULL,
    step_id text NOT NULL,
    name text,
    op text NOT NULL,
    status text NOT NULL,
    attempt integer NOT NULL DEFAULT 0,
    input jsonb,
    output jsonb,
    error jsonb,
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz
  );
  CREATE INDEX steps_run_idx ON ${SCHEMA}.steps (run_id, id);
  CREATE TABLE ${SCHEMA}.jobs (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    run_id text,
    event_id text,
    step_id text,
    attempt integer NOT NULL DEFAULT 0,
    run_at timestamptz NOT NULL DEFAULT now(),
    lease_owner text,
    lease_until timestamptz,
    concurrency jsonb
  );
  CREATE INDEX jobs_due_idx ON ${SCHEMA}.jobs (run_at, id);
  CREATE INDEX jobs_run_idx ON ${SCHEMA}.jobs (run_id);
  CREATE TABLE ${SCHEMA}.waits (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    run_id text NOT NULL,
    step_id text NOT NULL,
    event_name text,
    expression text,
    child_run_id text,
    expires_at timestamptz
  );
  CREATE INDEX waits_event_idx ON ${SCHEMA}.waits (event_name);
  CREATE INDEX waits_child_idx ON ${SCHEMA}.waits (child_run_id);
  CREATE TABLE ${SCHEMA}.flow_keys (
    key text PRIMARY KEY,
    tat_ms bigint NOT NULL
  );
  CREATE TABLE ${SCHEMA}.idempotency_keys (
    key text PRIMARY KEY,
    expires_at timestamptz NOT NULL
  );
  CREATE TABLE ${SCHEMA}.crons (
    function_id text NOT NULL,
    expression text NOT NULL,
    next_at timestamptz NOT NULL,
    PRIMARY KEY (function_id, expression)
  );
  `,
  // Retention (retention.ts): finished runs by age, and the unfinished runs an event still feeds.
  `
  CREATE INDEX runs_finished_ended_idx ON ${SCHEMA}.runs (ended_at) WHERE status IN ('completed', 'failed', 'cancelled');
  CREATE INDEX runs_unfinished_event_idx ON ${SCHEMA}.runs (event_id) WHERE status NOT IN ('completed', 'failed', 'cancelled');
  `,
  // Inngest conformance: singletons, function versions kept by runs, and the
  // duplicates that event-id de-duplication still stores. Idempotent, so its
  // place among entries merged from parallel branches does not matter.
  `
  CREATE TABLE IF NOT EXISTS ${SCHEMA}.singletons (
    key text PRIMARY KEY,
    run_id text
  );
  ALTER TABLE ${SCHEMA}.functions ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
  ALTER TABLE ${SCHEMA}.runs ADD COLUMN IF NOT EXISTS function_version integer;
  CREATE TABLE IF NOT EXISTS ${SCHEMA}.event_archive (
    seq bigserial PRIMARY KEY,
    id text NOT NULL,
    name text NOT NULL,
    payload jsonb NOT NULL,
    reason text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS event_archive_id_idx ON ${SCHEMA}.event_archive (id);
  CREATE INDEX IF NOT EXISTS event_archive_received_idx ON ${SCHEMA}.event_archive (received_at);
  `,
  // After a call reports parallel steps, later calls carry disable_immediate_execution
  // until the run is back to one step at a time (executor.go HandleGeneratorResponse,
  // force_step_plan.go).
  `ALTER TABLE ${SCHEMA}.runs ADD COLUMN IF NOT EXISTS force_step_plan boolean NOT NULL DEFAULT false;`,
  // The claim (job-queue.ts claimNextJob) counts leased jobs per concurrency scope
  // once (only the leased rows, jobs_leased_idx) and visits each group of jobs
  // with the same slots once, taking its oldest due job (jobs_group_due_idx),
  // so its cost does not grow with the backlog behind a full scope.
  `
  CREATE INDEX IF NOT EXISTS jobs_leased_idx ON ${SCHEMA}.jobs (lease_until) WHERE concurrency IS NOT NULL AND lease_until IS NOT NULL;
  ALTER TABLE ${SCHEMA}.jobs ADD COLUMN IF NOT EXISTS concurrency_group text
    GENERATED ALWAYS AS (COALESCE(concurrency::text, '')) STORED;
  CREATE INDEX IF NOT EXISTS jobs_group_due_idx ON ${SCHEMA}.jobs (concurrency_group, run_at, id);
  `,
  // The claim as a function (job-queue.ts claimNextJob calls it), planned once per
  // session instead of on every claim. Its cost does not grow with the backlog
  // (issue 10: counting the leases again for every due job took 822 ms with
  // 1,620 due jobs behind a limit of 2, and about 6 s at 5,000):
  // - busy: the leased jobs counted once per scope into one scope -> count map,
  //   reading only leased rows (jobs_leased_idx);
  // - groups: jobs with the same concurrency slots form a group
  //   (concurrency_group); a loose index scan visits each group once, not each job;
  // - candidates: per group whose scopes have room, its oldest due unleased job
  //   (jobs_group_due_idx; only the group's few leased jobs are stepped over);
  // - next: the oldest candidate, locked with SKIP LOCKED (a claim racing
  //   another for it may come back empty; the dispatcher claims again).
  // A job never counts against itself: a due job's lease is absent or expired,
  // a busy job's is not. To change it, append an entry with CREATE OR REPLACE.
  `
  CREATE OR REPLACE FUNCTION ${SCHEMA}.claim_next_job(p_owner text, p_lease_ms double precision)
  RETURNS TABLE (id text, kind text, run_id text, event_id text, step_id text, attempt integer)
  LANGUAGE plpgsql AS $claim$
  #variable_conflict use_column
  BEGIN
    RETURN QUERY
    WITH RECURSIVE busy AS MATERIALIZED (
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
       SET lease_owner = p_owner, lease_until = clock_timestamp() + p_lease_ms * interval '1 millisecond'
       FROM next WHERE j.id = next.id
       RETURNING j.id::text, j.kind, j.run_id, j.event_id, j.step_id, j.attempt;
  END
  $claim$;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables the test suites empty between files (everything but the version record). */
export const DATA_TABLES = [
  "functions",
  "events",
  "runs",
  "steps",
  "jobs",
  "waits",
  "flow_keys",
  "idempotency_keys",
  "crons",
  "singletons",
  "event_archive",
];

export async function ensureSchema(db: Db): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (let version = 1; version <= MIGRATIONS.length; version++) {
    const client = await db.connect();
    try {
      await client.query("BEGIN");
      // Two executors starting together: the second waits here, then skips.
      await client.query(`LOCK TABLE ${SCHEMA}.schema_version IN EXCLUSIVE MODE`);
      const { rowCount } = await client.query(`SELECT 1 FROM ${SCHEMA}.schema_version WHERE version = $1`, [version]);
      if (!rowCount) {
        await client.query(MIGRATIONS[version - 1]);
        await client.query(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES ($1)`, [version]);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
