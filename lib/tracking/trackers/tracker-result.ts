// What a tracker reports: one outcome per export row, so staff can see which
// rows changed an order, which were skipped and why, and which carried warnings.
import type { TrackerName } from "../tracker-configs";

export type RowOutcomeStatus = "created" | "updated" | "skipped";

export interface RowOutcome {
  /** 1-based data row of the export. */
  row: number;
  key: string | null;
  status: RowOutcomeStatus;
  reason?: string;
  warnings: string[];
  purchasingIds?: number[];
}

export interface TrackerSuccess {
  status: "success";
  tracker: TrackerName;
  totalRows: number;
  created: number;
  updated: number;
  skipped: number;
  warnings: number;
  accountsCreated: number;
  outcomes: RowOutcome[];
}

/** The seed's "error dict" answer of a tracker (→ tracker_error). */
export interface TrackerErrorResult {
  status: "error";
  tracker: TrackerName;
  message: string;
}

export type TrackerResult = TrackerSuccess | TrackerErrorResult;

export function summarize(tracker: TrackerName, totalRows: number, outcomes: RowOutcome[], accountsCreated: number): TrackerSuccess {
  const sorted = [...outcomes].sort((a, b) => a.row - b.row);
  return {
    status: "success",
    tracker,
    totalRows,
    created: sorted.filter((o) => o.status === "created").length,
    updated: sorted.filter((o) => o.status === "updated").length,
    skipped: sorted.filter((o) => o.status === "skipped").length,
    warnings: sorted.filter((o) => o.warnings.length > 0).length,
    accountsCreated,
    outcomes: sorted,
  };
}

export const SUPERSEDED = "superseded_by_later_row";

/**
 * Several rows may describe one order (Apple's page lists a row per shipment
 * line, the carrier pages one per event); the last row is the freshest, the
 * earlier ones are reported as superseded.
 */
export function collapseKeepLast<T extends { row: number }>(items: T[], keyOf: (item: T) => string): { kept: T[]; superseded: T[] } {
  const last = new Map<string, T>();
  for (const item of items) last.set(keyOf(item), item);
  const keptSet = new Set(last.values());
  return { kept: [...last.values()], superseded: items.filter((i) => !keptSet.has(i)) };
}

/**
 * The rows a tracker applies: the latest per key. Rows without a key and rows
 * superseded by a later one get their skipped outcome here.
 */
export function latestRowPerKey<T extends { row: number; warnings: string[] }>(
  items: T[],
  keyOf: (item: T) => string | null,
  missingKeyReason: string,
  outcomes: RowOutcome[],
): T[] {
  const keyed = items.filter((item) => {
    if (keyOf(item)) return true;
    outcomes.push({ row: item.row, key: null, status: "skipped", reason: missingKeyReason, warnings: item.warnings });
    return false;
  });
  const { kept, superseded } = collapseKeepLast(keyed, (item) => keyOf(item)!);
  for (const item of superseded) outcomes.push({ row: item.row, key: keyOf(item), status: "skipped", reason: SUPERSEDED, warnings: [] });
  return kept;
}
