// Order counts by delivery status and missing tracking number, read from the
// deltas that statement triggers on "Purchasing" append to "PurchasingTally"
// (migration 20261130140000_scale_list_indexes). Exact, and a few rows to read
// instead of a count over every order.
import { prisma, type Db, type DeliveryStatus } from "../db/client";

export interface TallyGroup {
  deliveryStatus: DeliveryStatus;
  missingTracking: boolean;
  count: number;
}

/** Above this many delta rows a read folds them into one row per group. */
export const TALLY_FOLD_THRESHOLD = 200;

/**
 * The current count of every (delivery status, missing tracking) group that has
 * orders. Folds the deltas first when many have piled up: one statement deletes
 * them and appends their sums, so deltas appended meanwhile stay untouched and a
 * concurrent fold skips the rows this one deleted.
 */
export async function readPurchasingTally(db: Db = prisma): Promise<TallyGroup[]> {
  const rows = await db.$queryRaw<{ deliveryStatus: DeliveryStatus; missingTracking: boolean; count: bigint; pieces: bigint }[]>`
    SELECT "deliveryStatus", "missingTracking", sum("delta")::bigint AS count, count(*) AS pieces
    FROM "PurchasingTally" GROUP BY 1, 2`;
  const pieces = rows.reduce((n, r) => n + Number(r.pieces), 0);
  if (pieces > TALLY_FOLD_THRESHOLD) await foldPurchasingTally(db);
  return rows
    .map((r) => ({ deliveryStatus: r.deliveryStatus, missingTracking: r.missingTracking, count: Number(r.count) }))
    .filter((r) => r.count !== 0);
}

export async function foldPurchasingTally(db: Db = prisma): Promise<void> {
  await db.$executeRaw`
    WITH gone AS (DELETE FROM "PurchasingTally" RETURNING "deliveryStatus", "missingTracking", "delta")
    INSERT INTO "PurchasingTally" ("deliveryStatus", "missingTracking", "delta")
    SELECT "deliveryStatus", "missingTracking", sum("delta") FROM gone GROUP BY 1, 2 HAVING sum("delta") <> 0`;
}

/** How many orders match these filters (none: every order). */
export function countFromTally(groups: TallyGroup[], filter: { deliveryStatus?: DeliveryStatus; missingTracking?: boolean }): number {
  return groups
    .filter(
      (g) =>
        (filter.deliveryStatus === undefined || g.deliveryStatus === filter.deliveryStatus) &&
        (filter.missingTracking === undefined || g.missingTracking === filter.missingTracking),
    )
    .reduce((n, g) => n + g.count, 0);
}
