// What of a tracker's result goes into SyncLog.details and the run's output:
// the counts, and the rows that did not simply apply (skipped or warned),
// capped so a 10,000-row export does not make a megabyte of JSON.
import type { RowOutcome, TrackerSuccess } from "../trackers/tracker-result";

export const MAX_LOGGED_ROWS = 200;

export interface TrackerLogSummary {
  tracker: string;
  total_rows: number;
  created: number;
  updated: number;
  skipped: number;
  warnings: number;
  accounts_created: number;
  notable_rows: RowOutcome[];
  notable_rows_truncated: boolean;
}

export function summarizeForLog(result: TrackerSuccess): TrackerLogSummary {
  const notable = result.outcomes.filter((o) => o.status === "skipped" || o.warnings.length > 0);
  return {
    tracker: result.tracker,
    total_rows: result.totalRows,
    created: result.created,
    updated: result.updated,
    skipped: result.skipped,
    warnings: result.warnings,
    accounts_created: result.accountsCreated,
    notable_rows: notable.slice(0, MAX_LOGGED_ROWS).map(({ purchasingIds: _ids, ...o }) => o),
    notable_rows_truncated: notable.length > MAX_LOGGED_ROWS,
  };
}
