// Reads the local Inngest executor's own tables (same database, schema
// "inngest_executor", owned by lib/local-runtime/executor/schema.ts) for the
// background-work conditions. Plain SQL through the app's client keeps domain
// code free of the executor's modules. When the schema is absent (Inngest
// Cloud or self-hosted Inngest: the engine keeps this state itself) the
// factory answers null and the conditions are skipped.
import type { Db } from "../db/client";
import type { BackgroundWorkReader } from "./background-conditions";

/** Must match SCHEMA in lib/local-runtime/executor/database.ts (a test holds them equal). */
export const EXECUTOR_SCHEMA = "inngest_executor";

export async function createExecutorTablesReader(db: Db): Promise<BackgroundWorkReader | null> {
  const present = await db.$queryRaw<{ crons: string | null; runs: string | null; jobs: string | null }[]>`
    SELECT to_regclass(${`${EXECUTOR_SCHEMA}.crons`})::text AS crons, to_regclass(${`${EXECUTOR_SCHEMA}.runs`})::text AS runs,
           to_regclass(${`${EXECUTOR_SCHEMA}.jobs`})::text AS jobs`;
  if (!present[0]?.crons || !present[0]?.runs || !present[0]?.jobs) return null;
  return {
    async overdueCrons(now, lateMs) {
      const rows = await db.$queryRawUnsafe<{ function_id: string; expression: string; next_at: Date }[]>(
        `SELECT function_id, expression, next_at FROM ${EXECUTOR_SCHEMA}.crons
         WHERE next_at < $1 AND next_at <> 'infinity' ORDER BY next_at`,
        new Date(now.getTime() - lateMs),
      );
      return rows.map((r) => ({ functionId: r.function_id, expression: r.expression, nextAt: new Date(r.next_at) }));
    },
    async failedRuns(since) {
      // runs_finished_ended_idx (partial, on ended_at) serves this range.
      const rows = await db.$queryRawUnsafe<{ function_id: string; n: bigint }[]>(
        `SELECT function_id, count(*) AS n FROM ${EXECUTOR_SCHEMA}.runs
         WHERE status IN ('completed', 'failed', 'cancelled') AND status = 'failed' AND ended_at >= $1
         GROUP BY function_id ORDER BY n DESC, function_id`,
        since,
      );
      const byFunction = rows.map((r) => ({ functionId: r.function_id, count: Number(r.n) }));
      return { count: byFunction.reduce((n, f) => n + f.count, 0), byFunction };
    },
    async finishedRuns(since) {
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM ${EXECUTOR_SCHEMA}.runs WHERE status IN ('completed', 'failed', 'cancelled') AND ended_at >= $1`,
        since,
      );
      return Number(rows[0]?.n ?? 0);
    },
    async backlog(now, waitMs) {
      // jobs_due_idx (run_at, id): due long ago and not leased by a worker now.
      const rows = await db.$queryRawUnsafe<{ n: bigint; oldest: Date | null }[]>(
        `SELECT count(*) AS n, min(run_at) AS oldest FROM ${EXECUTOR_SCHEMA}.jobs
         WHERE run_at < $1 AND (lease_until IS NULL OR lease_until < $2)`,
        new Date(now.getTime() - waitMs),
        now,
      );
      return { waiting: Number(rows[0]?.n ?? 0), oldestRunAt: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
    },
  };
}
