// The history of an order's delivery status (issue 11 §5): each time a tracker
// write changes a Purchasing's normalized status or the carrier's words, one
// PurchasingStatusChange row says what it became, what it was, and which
// tracker and TrackingJob caused it. Set-based like the writes themselves.
import type { TrackingDb } from "../db";
import type { TrackerName } from "../tracker-configs";

export interface StatusChangeSource {
  tracker: TrackerName | null;
  /** The TrackingJob whose export this was (null for writes outside a job). */
  customId: string | null;
  batchId: number | null;
}

export interface StatusSnapshot {
  id: number;
  deliveryStatus: string | null;
  carrierStatus: string | null;
}

/** The statuses of these Purchasings before a write. */
export async function snapshotStatuses(db: TrackingDb, ids: number[]): Promise<StatusSnapshot[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<StatusSnapshot[]>`
    SELECT "id", "deliveryStatus"::text AS "deliveryStatus", "carrierStatus" FROM "Purchasing" WHERE "id" = ANY(${ids}::int[])`;
}

/**
 * One history row per Purchasing whose status or carrier words differ from the
 * snapshot (a snapshot with a null status is a new order: always recorded).
 */
export async function recordStatusChanges(
  db: TrackingDb,
  before: StatusSnapshot[],
  source: StatusChangeSource | null,
  now: Date,
): Promise<number> {
  if (before.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO "PurchasingStatusChange" (
      "purchasingId", "deliveryStatus", "carrierStatus", "previousDeliveryStatus", "previousCarrierStatus",
      "carrier", "trackingNumber", "tracker", "customId", "batchId", "recordedAt")
    SELECT p."id", p."deliveryStatus", p."carrierStatus", b.prev_status::"DeliveryStatus", b.prev_carrier,
      p."carrier", p."trackingNumber", ${source?.tracker ?? null}, ${source?.customId ?? null}, ${source?.batchId ?? null}::int,
      ${now.toISOString()}::timestamp(3)
    FROM unnest(${before.map((b) => b.id)}::int[], ${before.map((b) => b.deliveryStatus)}::text[], ${before.map((b) => b.carrierStatus)}::text[])
      AS b(id, prev_status, prev_carrier)
    JOIN "Purchasing" p ON p."id" = b.id
    WHERE b.prev_status IS NULL
       OR p."deliveryStatus"::text IS DISTINCT FROM b.prev_status
       OR p."carrierStatus" IS DISTINCT FROM b.prev_carrier`;
}
