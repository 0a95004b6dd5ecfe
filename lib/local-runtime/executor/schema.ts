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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables the test suites empty between files (everything but the version record). */
export const DATA_TABLES = ["functions", "events", "runs", "steps", "jobs", "waits", "flow_keys", "idempotency_keys", "crons", "singletons", "event_archive"];

export async function ensureSchema(db: Db): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
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
