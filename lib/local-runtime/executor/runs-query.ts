import { z } from "zod";
import { SCHEMA, withTransaction, type Db } from "./database";
import { FunctionRegistry } from "./function-registry";
import { cancelRunInTx, createRun } from "./run-store";
import { RUN_STATUSES, type StoredEvent } from "./types";

// Read and command side for the dashboard's Runs page. Works from any process
// (the Next.js server): it only touches the database; a running executor
// picks up re-runs from the job table and notices cancellations. The caller
// hands in its pool: the executor's own, or a test's.

export { RUN_STATUSES };

export const listRunsInputSchema = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  functionId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});

export interface RunSummary {
  id: string;
  functionId: string;
  functionName: string;
  trigger: string;
  status: string;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
}

export interface RunStep {
  id: string;
  stepId: string;
  name: string | null;
  op: string;
  status: string;
  attempt: number;
  input: unknown;
  output: unknown;
  error: unknown;
  startedAt: string;
  endedAt: string | null;
}

export interface RunDetail extends RunSummary {
  event: StoredEvent;
  output: unknown;
  error: unknown;
  parentRunId: string | null;
  rerunOf: string | null;
  steps: RunStep[];
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function toSummary(row: Record<string, any>): RunSummary {
  const started = row.started_at ? new Date(row.started_at).getTime() : null;
  const ended = row.ended_at ? new Date(row.ended_at).getTime() : null;
  return {
    id: row.id,
    functionId: row.function_id,
    functionName: row.function_name ?? row.function_id,
    trigger: row.trigger,
    status: row.status,
    // `attempts` stores the current attempt number (0-based); a run not started yet has made none.
    attempts: row.started_at ? Number(row.attempts) + 1 : 0,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    durationMs: started !== null ? (ended ?? Date.now()) - started : null,
  };
}

const SUMMARY_COLUMNS = `r.id, r.function_id, f.name AS function_name, r.trigger, r.status, r.attempts, r.created_at, r.started_at, r.ended_at`;

export async function listRuns(
  input: z.input<typeof listRunsInputSchema> = {},
  db: Db,
): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const { status, functionId, limit, cursor } = listRunsInputSchema.parse(input);
  const q = db;
  const { rows } = await q.query(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SCHEMA}.runs r LEFT JOIN ${SCHEMA}.functions f ON f.id = r.function_id
     WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.function_id = $2) AND ($3::text IS NULL OR r.id < $3)
     ORDER BY r.id DESC LIMIT $4`,
    [status ?? null, functionId ?? null, cursor ?? null, limit + 1],
  );
  const page = rows.slice(0, limit).map(toSummary);
  return { runs: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

export async function getRun(id: string, db: Db): Promise<RunDetail | null> {
  const q = db;
  const { rows } = await q.query(
    `SELECT ${SUMMARY_COLUMNS}, r.event, r.output, r.error, r.parent_run_id, r.rerun_of
     FROM ${SCHEMA}.runs r LEFT JOIN ${SCHEMA}.functions f ON f.id = r.function_id WHERE r.id = $1`,
    [id],
  );
  if (!rows[0]) return null;
  const steps = await q.query(
    `SELECT id::text, step_id, name, op, status, attempt, input, output, error, started_at, ended_at
     FROM ${SCHEMA}.steps WHERE run_id = $1 ORDER BY started_at, id`,
    [id],
  );
  const row = rows[0];
  return {
    ...toSummary(row),
    event: row.event,
    output: row.output,
    error: row.error,
    parentRunId: row.parent_run_id,
    rerunOf: row.rerun_of,
    steps: steps.rows.map((s) => ({
      id: s.id,
      stepId: s.step_id,
      name: s.name,
      op: s.op,
      status: s.status,
      attempt: s.attempt,
      input: s.input,
      output: s.output,
      error: s.error,
      startedAt: iso(s.started_at)!,
      endedAt: iso(s.ended_at),
    })),
  };
}

/** Starts a fresh run of the same function with the same event (flow control skipped: an admin asked). */
export async function rerunRun(id: string, db: Db): Promise<{ runId: string } | null> {
  const q = db;
  const { rows } = await q.query(`SELECT function_id, event FROM ${SCHEMA}.runs WHERE id = $1`, [id]);
  if (!rows[0]) return null;
  const registry = new FunctionRegistry(q);
  await registry.load();
  const fn = registry.get(rows[0].function_id);
  if (!fn) throw new Error(`function ${rows[0].function_id} is no longer registered`);
  const runId = await withTransaction(q, (tx) =>
    createRun(tx, { fn, event: rows[0].event as StoredEvent, trigger: "rerun", rerunOf: id, skipFlowControl: true }),
  );
  return runId ? { runId } : null;
}

/** Cancels an active run; false when it had already finished. */
export async function cancelRun(id: string, db: Db): Promise<{ cancelled: boolean } | null> {
  const q = db;
  const { rowCount } = await q.query(`SELECT 1 FROM ${SCHEMA}.runs WHERE id = $1`, [id]);
  if (!rowCount) return null;
  const cancelled = await withTransaction(q, (tx) => cancelRunInTx(tx, id, "cancelled from the dashboard"));
  return { cancelled };
}
