// Set-based writes of tracker updates: one statement per chunk of rows
// (unnest of parallel arrays), never one round trip per row, so a 10,000-row
// export is a few dozen statements inside the tracker's one transaction.
import type { TrackingDb } from "../db";
import type { TrackingUpdate } from "./read-tracking-row";
import { recordStatusChanges, snapshotStatuses, type StatusChangeSource } from "./status-history";

export const WRITE_CHUNK_SIZE = 500;

export function chunk<T>(items: T[], size = WRITE_CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Timestamps are stored as UTC wall time (timestamp(3) without zone), as Prisma does. */
function ts(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export interface AccountRef {
  id: number;
  created: boolean;
}

/** Seed §5.6.3 get_or_create by email: accountName is the part before @, status active. */
export async function ensureOfficialAccounts(db: TrackingDb, emails: string[], now: Date): Promise<Map<string, AccountRef>> {
  const distinct = [...new Set(emails)];
  const result = new Map<string, AccountRef>();
  if (distinct.length === 0) return result;
  const rows = await db.$queryRaw<{ id: number; email: string; created: boolean }[]>`
    WITH input(email) AS (SELECT unnest(${distinct}::text[])),
    inserted AS (
      INSERT INTO "OfficialAccount" ("email", "accountName", "status", "createdAt", "updatedAt")
      SELECT email, split_part(email, '@', 1), 'active', ${ts(now)}::timestamp(3), ${ts(now)}::timestamp(3) FROM input
      ON CONFLICT ("email") DO NOTHING
      RETURNING "id", "email")
    SELECT "id", "email", true AS created FROM inserted
    UNION ALL
    SELECT a."id", a."email", false AS created FROM "OfficialAccount" a JOIN input i ON i.email = a."email"`;
  for (const row of rows) result.set(row.email, { id: row.id, created: row.created });
  // An account committed by another transaction after this statement's snapshot
  // was skipped by ON CONFLICT and not seen by the SELECT: read it again.
  const missing = distinct.filter((e) => !result.has(e));
  if (missing.length > 0) {
    const late = await db.$queryRaw<{ id: number; email: string }[]>`
      SELECT "id", "email" FROM "OfficialAccount" WHERE "email" = ANY(${missing}::text[])`;
    for (const row of late) result.set(row.email, { id: row.id, created: false });
  }
  return result;
}

export interface ExistingPurchasing {
  id: number;
  orderNumber: string;
  trackingNumber: string | null;
  officialAccountId: number | null;
  accountEmail: string | null;
}

export async function loadPurchasingsByOrderNumber(db: TrackingDb, orderNumbers: string[]): Promise<Map<string, ExistingPurchasing>> {
  const map = new Map<string, ExistingPurchasing>();
  if (orderNumbers.length === 0) return map;
  const rows = await db.$queryRaw<ExistingPurchasing[]>`
    SELECT p."id", p."orderNumber", p."trackingNumber", p."officialAccountId", a."email" AS "accountEmail"
    FROM "Purchasing" p LEFT JOIN "OfficialAccount" a ON a."id" = p."officialAccountId"
    WHERE p."orderNumber" = ANY(${orderNumbers}::text[])`;
  for (const row of rows) map.set(row.orderNumber, row);
  return map;
}

export async function loadPurchasingsByTrackingNumber(
  db: TrackingDb,
  trackingNumbers: string[],
): Promise<Map<string, ExistingPurchasing[]>> {
  const map = new Map<string, ExistingPurchasing[]>();
  if (trackingNumbers.length === 0) return map;
  const rows = await db.$queryRaw<ExistingPurchasing[]>`
    SELECT p."id", p."orderNumber", p."trackingNumber", p."officialAccountId", a."email" AS "accountEmail"
    FROM "Purchasing" p LEFT JOIN "OfficialAccount" a ON a."id" = p."officialAccountId"
    WHERE p."trackingNumber" = ANY(${trackingNumbers}::text[])
    ORDER BY p."id"`;
  for (const row of rows) {
    const list = map.get(row.trackingNumber!) ?? [];
    list.push(row);
    map.set(row.trackingNumber!, list);
  }
  return map;
}

export interface PurchasingWrite {
  update: TrackingUpdate;
  /** The account to associate when the Purchasing has none (seed §5.6.3). */
  accountId: number | null;
}

function columns(items: PurchasingWrite[]) {
  const u = items.map((i) => i.update);
  return {
    accountIds: items.map((i) => i.accountId),
    trackingNumbers: u.map((x) => x.trackingNumber),
    trackingIssues: u.map((x) => x.trackingNumberIssue),
    carrierTrackingNumbers: u.map((x) => x.carrierTrackingNumber),
    carriers: u.map((x) => x.carrier),
    deliveryDates: u.map((x) => x.estimatedDeliveryDate),
    latestStatuses: u.map((x) => x.latestDeliveryStatus),
    carrierStatuses: u.map((x) => x.carrierStatus),
    deliveryStatuses: u.map((x) => x.deliveryStatus as string | null),
    shippingMethods: u.map((x) => x.shippingMethod),
    confirmedAts: u.map((x) => ts(x.confirmedAt)),
  };
}

/**
 * Creates the Purchasings (and their Inventory, seed §5.6.2 情况二) whose order
 * number is new. Returns order number → id of the rows it inserted; an order
 * inserted meanwhile by another transaction is left out, for the caller to update.
 */
export async function insertPurchasings(
  db: TrackingDb,
  items: PurchasingWrite[],
  now: Date,
  source: StatusChangeSource | null = null,
): Promise<Map<string, number>> {
  const inserted = new Map<string, number>();
  if (items.length === 0) return inserted;
  const c = columns(items);
  const orderNumbers = items.map((i) => i.update.orderNumber!);
  const productNames = items.map((i) => i.update.productName);
  const rows = await db.$queryRaw<{ id: number; orderNumber: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${orderNumbers}::text[], ${c.accountIds}::int[], ${c.trackingNumbers}::text[], ${c.trackingIssues}::text[],
        ${c.carriers}::text[], ${c.deliveryDates}::text[], ${c.latestStatuses}::text[], ${c.carrierStatuses}::text[],
        ${c.deliveryStatuses}::text[], ${c.shippingMethods}::text[], ${c.confirmedAts}::text[], ${productNames}::text[],
        ${c.carrierTrackingNumbers}::text[]
      ) AS u(order_number, account_id, tracking_number, tracking_issue, carrier, delivery_date, latest_status,
             carrier_status, delivery_status, shipping_method, confirmed_at, product_name, carrier_tracking_number)
    ),
    created AS (
      INSERT INTO "Purchasing" (
        "orderNumber", "officialAccountId", "trackingNumber", "carrierTrackingNumber", "trackingNumberIssue", "carrier",
        "estimatedDeliveryDate", "latestDeliveryStatus", "carrierStatus", "deliveryStatus", "shippingMethod",
        "confirmedAt", "lastInfoUpdatedAt", "createdAt", "updatedAt")
      SELECT order_number, account_id, tracking_number, carrier_tracking_number, tracking_issue, carrier::"Carrier",
        delivery_date::date, latest_status, carrier_status, COALESCE(delivery_status, 'pending')::"DeliveryStatus", shipping_method,
        confirmed_at::timestamp(3), ${ts(now)}::timestamp(3), ${ts(now)}::timestamp(3), ${ts(now)}::timestamp(3)
      FROM input
      ON CONFLICT ("orderNumber") DO NOTHING
      RETURNING "id", "orderNumber"
    ),
    inventory AS (
      INSERT INTO "Inventory" ("purchasingId", "productName", "createdAt", "updatedAt")
      SELECT created."id", input.product_name, ${ts(now)}::timestamp(3), ${ts(now)}::timestamp(3)
      FROM created JOIN input ON input.order_number = created."orderNumber"
      ON CONFLICT ("purchasingId") DO NOTHING
    )
    SELECT "id", "orderNumber" FROM created`;
  for (const row of rows) inserted.set(row.orderNumber, row.id);
  // A new order's first status opens its history.
  await recordStatusChanges(
    db,
    rows.map((r) => ({ id: r.id, deliveryStatus: null, carrierStatus: null })),
    source,
    now,
  );
  return inserted;
}

/**
 * Applies updates to existing Purchasings by id: a field absent from the row
 * keeps its value (seed §5.6.4 sets each field only "when present"), an
 * account is only associated where none is, lastInfoUpdatedAt is now.
 * A row whose own tracking number is absent keeps the stored number's issue flag.
 */
export async function updatePurchasings(
  db: TrackingDb,
  items: (PurchasingWrite & { id: number })[],
  now: Date,
  source: StatusChangeSource | null = null,
): Promise<number> {
  if (items.length === 0) return 0;
  const c = columns(items);
  const ids = items.map((i) => i.id);
  const before = await snapshotStatuses(db, [...new Set(ids)]);
  const updated = await db.$executeRaw`
    UPDATE "Purchasing" AS p SET
      "officialAccountId" = COALESCE(p."officialAccountId", u.account_id),
      "trackingNumber" = COALESCE(u.tracking_number, p."trackingNumber"),
      "carrierTrackingNumber" = CASE WHEN u.tracking_number IS NULL THEN p."carrierTrackingNumber" ELSE u.carrier_tracking_number END,
      "trackingNumberIssue" = CASE WHEN u.tracking_number IS NULL THEN p."trackingNumberIssue" ELSE u.tracking_issue END,
      "carrier" = COALESCE(u.carrier::"Carrier", p."carrier"),
      "estimatedDeliveryDate" = COALESCE(u.delivery_date::date, p."estimatedDeliveryDate"),
      "latestDeliveryStatus" = COALESCE(u.latest_status, p."latestDeliveryStatus"),
      "carrierStatus" = COALESCE(u.carrier_status, p."carrierStatus"),
      "deliveryStatus" = COALESCE(u.delivery_status::"DeliveryStatus", p."deliveryStatus"),
      "shippingMethod" = COALESCE(u.shipping_method, p."shippingMethod"),
      "confirmedAt" = COALESCE(u.confirmed_at::timestamp(3), p."confirmedAt"),
      "lastInfoUpdatedAt" = ${ts(now)}::timestamp(3),
      "updatedAt" = ${ts(now)}::timestamp(3)
    FROM unnest(
      ${ids}::int[], ${c.accountIds}::int[], ${c.trackingNumbers}::text[], ${c.trackingIssues}::text[],
      ${c.carriers}::text[], ${c.deliveryDates}::text[], ${c.latestStatuses}::text[], ${c.carrierStatuses}::text[],
      ${c.deliveryStatuses}::text[], ${c.shippingMethods}::text[], ${c.confirmedAts}::text[],
      ${c.carrierTrackingNumbers}::text[]
    ) AS u(id, account_id, tracking_number, tracking_issue, carrier, delivery_date, latest_status,
           carrier_status, delivery_status, shipping_method, confirmed_at, carrier_tracking_number)
    WHERE p."id" = u.id`;
  await recordStatusChanges(db, before, source, now);
  return updated;
}
