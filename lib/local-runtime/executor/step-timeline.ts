import { SCHEMA, type Tx } from "./database";
import { json } from "./run-store";

// The per-run history the Runs page shows: one row per step attempt, sleep,
// wait or invoke, with its input, output or error. Memoized state lives in
// runs.step_state; this table is only for people.

export interface TimelineEntry {
  runId: string;
  stepId: string;
  name?: string;
  op: string;
  status: "running" | "completed" | "errored" | "failed" | "sleeping" | "waiting" | "invoking";
  attempt: number;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  startedAtMs?: number;
  ended: boolean;
}

export async function addTimelineEntry(tx: Tx, entry: TimelineEntry): Promise<void> {
  await tx.query(
    `INSERT INTO ${SCHEMA}.steps (run_id, step_id, name, op, status, attempt, input, output, error, started_at, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE(to_timestamp($10::double precision / 1000), now()), CASE WHEN $11 THEN now() END)`,
    [
      entry.runId,
      entry.stepId,
      entry.name ?? null,
      entry.op,
      entry.status,
      entry.attempt,
      json(entry.input),
      json(entry.output),
      json(entry.error),
      entry.startedAtMs ?? null,
      entry.ended,
    ],
  );
}
