// Background work conditions (issue 11 §3): a cron that did not fire on time,
// runs failing, and a queue backlog. The facts come from a reader handed in
// (executor-tables-reader.ts reads the local executor's tables); on Inngest
// Cloud there is no such source and the reader is null: nothing is raised here
// (the platform flow's heartbeat still notices a cron that stopped).
import type { AlertCondition } from "./alerts";

export const BACKGROUND_THRESHOLDS = {
  /** A cron tick later than this past its due time did not fire on time. */
  cronLateMs: 2 * 60_000,
  /** Failed runs in the last hour that raise an alert (and twice that: critical). */
  failedRunsPerHour: 3,
  failedRunsWindowMs: 60 * 60_000,
  /** Due jobs still waiting (not leased) this long are a backlog. */
  backlogWaitMs: 5 * 60_000,
} as const;

export interface OverdueCron {
  functionId: string;
  expression: string;
  nextAt: Date;
}

export interface FailedRunsSummary {
  count: number;
  /** Failed runs per function, most first. */
  byFunction: { functionId: string; count: number }[];
}

export interface BacklogSummary {
  /** Due jobs not picked up for longer than the wait threshold. */
  waiting: number;
  oldestRunAt: Date | null;
}

/** What the evaluator needs to know about the engine's own state. */
export interface BackgroundWorkReader {
  overdueCrons(now: Date, lateMs: number): Promise<OverdueCron[]>;
  failedRuns(since: Date): Promise<FailedRunsSummary>;
  backlog(now: Date, waitMs: number): Promise<BacklogSummary>;
  /** All runs that finished in the window (the failure rate's denominator for the health score). */
  finishedRuns(since: Date): Promise<number>;
}

export interface BackgroundMetrics {
  /** False when no executor tables exist (Inngest Cloud): the other figures are then zero. */
  available: boolean;
  overdueCrons: number;
  failedRuns: number;
  finishedRuns: number;
  backlog: number;
}

export async function evaluateBackgroundConditions(
  reader: BackgroundWorkReader | null,
  now: Date,
): Promise<{ conditions: AlertCondition[]; metrics: BackgroundMetrics }> {
  if (!reader) return { conditions: [], metrics: { available: false, overdueCrons: 0, failedRuns: 0, finishedRuns: 0, backlog: 0 } };
  const conditions: AlertCondition[] = [];

  const overdue = await reader.overdueCrons(now, BACKGROUND_THRESHOLDS.cronLateMs);
  for (const cron of overdue) {
    const lateMinutes = Math.floor((now.getTime() - cron.nextAt.getTime()) / 60_000);
    conditions.push({
      kind: "background_cron_late",
      severity: "critical",
      fingerprint: `background:cron_late:${cron.functionId}:${cron.expression}`,
      message: `Cron ${cron.functionId} (${cron.expression}) was due at ${cron.nextAt.toISOString()} and has not fired (${lateMinutes} min late)`,
      link: `/runs?functionId=${encodeURIComponent(cron.functionId)}`,
      details: {
        function_id: cron.functionId,
        expression: cron.expression,
        due_at: cron.nextAt.toISOString(),
        late_ms: now.getTime() - cron.nextAt.getTime(),
      },
    });
  }

  const since = new Date(now.getTime() - BACKGROUND_THRESHOLDS.failedRunsWindowMs);
  const failed = await reader.failedRuns(since);
  if (failed.count >= BACKGROUND_THRESHOLDS.failedRunsPerHour) {
    const top = failed.byFunction
      .slice(0, 3)
      .map((f) => `${f.functionId} ×${f.count}`)
      .join(", ");
    conditions.push({
      kind: "background_runs_failing",
      severity: failed.count >= BACKGROUND_THRESHOLDS.failedRunsPerHour * 2 ? "critical" : "warning",
      fingerprint: "background:runs_failing",
      message: `${failed.count} background runs failed in the last hour (threshold ${BACKGROUND_THRESHOLDS.failedRunsPerHour}): ${top}`,
      link: "/runs?status=failed",
      details: { failed: failed.count, by_function: failed.byFunction.slice(0, 10), threshold: BACKGROUND_THRESHOLDS.failedRunsPerHour },
    });
  }

  const backlog = await reader.backlog(now, BACKGROUND_THRESHOLDS.backlogWaitMs);
  if (backlog.waiting > 0) {
    conditions.push({
      kind: "background_queue_backlog",
      severity: "warning",
      fingerprint: "background:queue_backlog",
      message: `${backlog.waiting} due background job(s) waiting over ${BACKGROUND_THRESHOLDS.backlogWaitMs / 60_000} minutes (oldest due ${backlog.oldestRunAt?.toISOString() ?? "?"})`,
      link: "/runs?status=queued",
      details: {
        waiting: backlog.waiting,
        oldest_run_at: backlog.oldestRunAt?.toISOString() ?? null,
        wait_ms: BACKGROUND_THRESHOLDS.backlogWaitMs,
      },
    });
  }

  return {
    conditions,
    metrics: {
      available: true,
      overdueCrons: overdue.length,
      failedRuns: failed.count,
      finishedRuns: await reader.finishedRuns(since),
      backlog: backlog.waiting,
    },
  };
}
