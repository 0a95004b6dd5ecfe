import { SCHEMA, type Queryable } from "./database";

/**
 * Deletes finished runs (with their steps) that ended before the cutoff, and
 * events received before it that no unfinished run still points at, each in
 * batches of at most `batchSize` rows. Queued and running runs are never touched.
 * Returns how many rows went; call again while `more` is true.
 */
export async function pruneFinishedRuns(
  db: Queryable,
  options: { olderThan: Date; batchSize: number },
): Promise<{ runs: number; steps: number; events: number; more: boolean }> {
  const cutoff = options.olderThan.toISOString();
  const runs = await db.query<{ id: string }>(
    `DELETE FROM ${SCHEMA}.runs WHERE id IN (
       SELECT id FROM ${SCHEMA}.runs
       WHERE status IN ('completed', 'failed', 'cancelled') AND ended_at < $1
       ORDER BY ended_at LIMIT $2)
     RETURNING id`,
    [cutoff, options.batchSize],
  );
  const runIds = runs.rows.map((r) => r.id);
  const steps = runIds.length ? await db.query(`DELETE FROM ${SCHEMA}.steps WHERE run_id = ANY($1::text[])`, [runIds]) : { rowCount: 0 };
  const events = await db.query(
    `DELETE FROM ${SCHEMA}.events WHERE id IN (
       SELECT e.id FROM ${SCHEMA}.events e
       WHERE e.received_at < $1
         AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.runs r WHERE r.event_id = e.id AND r.status NOT IN ('completed', 'failed', 'cancelled'))
       ORDER BY e.received_at LIMIT $2)`,
    [cutoff, options.batchSize],
  );
  // Duplicates kept by event-id de-duplication (event-store.ts) age out with the rest.
  await db.query(
    `DELETE FROM ${SCHEMA}.event_archive WHERE seq IN (
       SELECT seq FROM ${SCHEMA}.event_archive WHERE received_at < $1 ORDER BY received_at LIMIT $2)`,
    [cutoff, options.batchSize],
  );
  return {
    runs: runIds.length,
    steps: steps.rowCount ?? 0,
    events: events.rowCount ?? 0,
    more: runIds.length === options.batchSize || events.rowCount === options.batchSize,
  };
}

/** Prunes history older than `days` now and then every `intervalMs`; failures are logged, never thrown. */
export function startRetention(
  db: Queryable,
  options: { days: number; intervalMs: number; batchSize?: number; log?: (line: string) => void },
): { stop(): void } {
  const log = options.log ?? ((line: string) => console.warn(line));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      const olderThan = new Date(Date.now() - options.days * 86_400_000);
      let result;
      do {
        result = await pruneFinishedRuns(db, { olderThan, batchSize: options.batchSize ?? 1_000 });
      } while (result.more && !stopped);
    } catch (error) {
      if (!stopped) log(`[inngest-executor] retention failed, retrying in ${options.intervalMs} ms: ${(error as Error).message}`);
    }
    if (!stopped) {
      timer = setTimeout(run, options.intervalMs);
      timer.unref?.();
    }
  };
  timer = setTimeout(run, 0);
  timer.unref?.();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
