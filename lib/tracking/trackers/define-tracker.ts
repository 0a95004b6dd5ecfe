// The two shapes of tracker (seed 000 §5.5 registry): rows keyed by order
// number (Apple order page, Yamato) or by tracking number (Japan Post).
// Each tracker's writes happen in ONE transaction (seed §5.6 @transaction.atomic):
// the caller's, or one opened here.
import { prisma } from "@/lib/db/client";
import type { Carrier } from "../carriers/carrier";
import { checkTrackingNumber, normalizeTrackingNumber } from "../carriers/check-tracking-number";
import type { TrackingDb } from "../db";
import type { CsvRow } from "../processing/parse-tracking-csv";
import { resolveChainOrderNumber } from "../redirect/resolve-redirect-chain";
import type { TrackerName } from "../tracker-configs";
import { applyByOrderNumber } from "./apply-by-order-number";
import { applyByTrackingNumber } from "./apply-by-tracking-number";
import { readTrackingRow, type TrackingUpdate } from "./read-tracking-row";
import type { StatusChangeSource } from "./status-history";
import { summarize, type TrackerResult } from "./tracker-result";

export interface TrackerRunOptions {
  /** Run inside this transaction instead of opening one. */
  db?: TrackingDb;
  /** Create a Purchasing for a Japan Post row whose order is unknown (webhook `upsert`). */
  upsert?: boolean;
  /** The TrackingJob whose export this is (redirect chain resolution). */
  job?: { customId: string; batchId: number } | null;
  now?: Date;
}

export interface Tracker {
  name: TrackerName;
  carrier: Carrier | null;
  keyedBy: "order_number" | "tracking_number";
  run(rows: CsvRow[], options?: TrackerRunOptions): Promise<TrackerResult>;
}

// Big exports hold the transaction for seconds; PGlite queues other connections meanwhile.
const TRANSACTION_OPTIONS = { timeout: 300_000, maxWait: 120_000 };

export async function inTransaction<T>(db: TrackingDb | undefined, work: (db: TrackingDb) => Promise<T>): Promise<T> {
  if (db) return work(db);
  return prisma.$transaction((tx) => work(tx), TRANSACTION_OPTIONS);
}

/** What an order's status history names as the cause of a change: this tracker and the job whose export it was. */
function changeSource(name: TrackerName, options: TrackerRunOptions): StatusChangeSource {
  return { tracker: name, customId: options.job?.customId ?? null, batchId: options.job?.batchId ?? null };
}

function readRows(rows: CsvRow[], carrier: Carrier | null): TrackingUpdate[] {
  return rows.map((row, i) => readTrackingRow(row, i + 1, carrier));
}

export function orderNumberTracker(name: TrackerName, carrier: Carrier | null): Tracker {
  return {
    name,
    carrier,
    keyedBy: "order_number",
    async run(rows, options = {}) {
      const updates = readRows(rows, carrier);
      if (!updates.some((u) => u.orderNumber)) {
        return { status: "error", tracker: name, message: "The export has no order_number in any row" };
      }
      const now = options.now ?? new Date();
      const applied = await inTransaction(options.db, (db) => applyByOrderNumber(db, updates, now, changeSource(name, options)));
      return summarize(name, rows.length, applied.outcomes, applied.accountsCreated);
    },
  };
}

/** Japan Post's direct-search URL carries the number it shows (reqCodeNo1=...). */
export function trackingNumberFromUrl(url: string | null): string | null {
  const raw = rawTrackingNumberFromUrl(url);
  return raw ? normalizeTrackingNumber(raw) : null;
}

/** The number exactly as the URL carries it. */
export function rawTrackingNumberFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const params = new URL(url).searchParams;
    const value = params.get("reqCodeNo1") ?? params.get("requestNo1") ?? params.get("trackingNumber");
    return value?.trim() ? value.trim() : null;
  } catch {
    return null;
  }
}

export function trackingNumberTracker(name: TrackerName): Tracker {
  const carrier: Carrier = "japan_post";
  return {
    name,
    carrier,
    keyedBy: "tracking_number",
    async run(rows, options = {}) {
      const updates = readRows(rows, carrier).map((u) => {
        if (u.trackingNumber) return u;
        const fromUrl = rawTrackingNumberFromUrl(u.startUrl);
        if (!fromUrl) return u;
        const check = checkTrackingNumber(fromUrl, carrier);
        return { ...u, trackingNumber: check.normalized, carrierTrackingNumber: fromUrl, trackingNumberIssue: check.issue };
      });
      const now = options.now ?? new Date();
      return inTransaction(options.db, async (db) => {
        if (!updates.some((u) => u.trackingNumber)) {
          return { status: "error", tracker: name, message: "The export has no tracking_number in any row" } as const;
        }
        const chainOrderNumber = await resolveChainOrderNumber(db, options.job ?? null);
        const applied = await applyByTrackingNumber(db, updates, now, {
          upsert: options.upsert ?? false,
          chainOrderNumber,
          source: changeSource(name, options),
        });
        return summarize(name, rows.length, applied.outcomes, applied.accountsCreated);
      });
    },
  };
}
