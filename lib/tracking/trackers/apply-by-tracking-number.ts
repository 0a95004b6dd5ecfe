// Seed 000 §5.6 for the Japan Post trackers, whose pages are looked up by
// tracking number: rows are keyed by tracking_number and update every
// Purchasing carrying it. A row whose number no Purchasing carries yet can
// still reach its order: through the row's own order_number, or, for a
// redirect_to_japan_post_tracking job, through the redirect chain (the order
// the original Apple URL names). With `upsert` such an order is created.
import type { TrackingDb } from "../db";
import type { StatusChangeSource } from "./status-history";
import { emailMismatchWarning } from "./apply-by-order-number";
import {
  chunk,
  ensureOfficialAccounts,
  insertPurchasings,
  loadPurchasingsByOrderNumber,
  loadPurchasingsByTrackingNumber,
  updatePurchasings,
  type ExistingPurchasing,
  type PurchasingWrite,
} from "./purchasing-writes";
import type { TrackingUpdate } from "./read-tracking-row";
import { latestRowPerKey, type RowOutcome } from "./tracker-result";
import type { ApplyResult } from "./apply-by-order-number";

export interface TrackingNumberApplyOptions {
  upsert: boolean;
  /** The order a redirect_to_japan_post_tracking job was published for (redirect chain). */
  chainOrderNumber: string | null;
  /** What the status history names as the cause of a change. */
  source?: StatusChangeSource | null;
}

export async function applyByTrackingNumber(
  db: TrackingDb,
  updates: TrackingUpdate[],
  now: Date,
  options: TrackingNumberApplyOptions,
): Promise<ApplyResult> {
  const outcomes: RowOutcome[] = [];
  const kept = latestRowPerKey(updates, (u) => u.trackingNumber, "missing_tracking_number", outcomes);

  // The chain names one order, so only the export's last unmatched row may claim it.
  let chainRow: TrackingUpdate | null = null;
  let accountsCreated = 0;

  const unmatchedAll: TrackingUpdate[] = [];
  for (const part of chunk(kept)) {
    const accounts = await ensureOfficialAccounts(
      db,
      part.flatMap((u) => (u.email ? [u.email] : [])),
      now,
    );
    accountsCreated += [...accounts.values()].filter((a) => a.created).length;
    const byNumber = await loadPurchasingsByTrackingNumber(
      db,
      part.map((u) => u.trackingNumber!),
    );

    const toUpdate: (PurchasingWrite & { id: number })[] = [];
    for (const u of part) {
      const matches = byNumber.get(u.trackingNumber!);
      if (!matches) {
        unmatchedAll.push(u);
        continue;
      }
      const accountId = u.email ? (accounts.get(u.email)?.id ?? null) : null;
      const warnings = [...u.warnings, ...mismatches(matches, u.email)];
      for (const p of matches) toUpdate.push({ id: p.id, update: u, accountId });
      outcomes.push({ row: u.row, key: u.trackingNumber, status: "updated", warnings, purchasingIds: matches.map((p) => p.id) });
    }
    await updatePurchasings(db, toUpdate, now, options.source ?? null);
  }

  if (options.chainOrderNumber) {
    const withoutOrder = unmatchedAll.filter((u) => !u.orderNumber);
    chainRow = withoutOrder[withoutOrder.length - 1] ?? null;
  }

  // Unmatched rows reach their order by order number (their own, or the chain's).
  const byOrder: { u: TrackingUpdate; orderNumber: string }[] = [];
  for (const u of unmatchedAll) {
    const orderNumber = u.orderNumber ?? (u === chainRow ? options.chainOrderNumber : null);
    if (orderNumber) byOrder.push({ u, orderNumber });
    else
      outcomes.push({
        row: u.row,
        key: u.trackingNumber,
        status: "skipped",
        reason: "no_purchasing_for_tracking_number",
        warnings: u.warnings,
      });
  }
  for (const part of chunk(byOrder)) {
    const accounts = await ensureOfficialAccounts(
      db,
      part.flatMap(({ u }) => (u.email ? [u.email] : [])),
      now,
    );
    accountsCreated += [...accounts.values()].filter((a) => a.created).length;
    const existing = await loadPurchasingsByOrderNumber(
      db,
      part.map((p) => p.orderNumber),
    );
    const toUpdate = new Map<number, PurchasingWrite & { id: number }>();
    const toInsert: PurchasingWrite[] = [];
    const pending: { u: TrackingUpdate; orderNumber: string; warnings: string[]; id?: number }[] = [];
    for (const { u, orderNumber } of part) {
      const accountId = u.email ? (accounts.get(u.email)?.id ?? null) : null;
      const found = existing.get(orderNumber);
      if (found) {
        toUpdate.set(found.id, { id: found.id, update: u, accountId });
        pending.push({ u, orderNumber, warnings: [...u.warnings, ...mismatches([found], u.email)], id: found.id });
      } else if (options.upsert) {
        toInsert.push({ update: { ...u, orderNumber }, accountId });
        pending.push({ u, orderNumber, warnings: u.warnings });
      } else {
        outcomes.push({
          row: u.row,
          key: u.trackingNumber,
          status: "skipped",
          reason: "no_purchasing_for_order_number",
          warnings: u.warnings,
        });
      }
    }
    const inserted = await insertPurchasings(db, toInsert, now, options.source ?? null);
    await updatePurchasings(db, [...toUpdate.values()], now, options.source ?? null);
    for (const p of pending) {
      const insertedId = inserted.get(p.orderNumber);
      if (p.id) outcomes.push({ row: p.u.row, key: p.u.trackingNumber, status: "updated", warnings: p.warnings, purchasingIds: [p.id] });
      else if (insertedId)
        outcomes.push({ row: p.u.row, key: p.u.trackingNumber, status: "created", warnings: p.warnings, purchasingIds: [insertedId] });
      else outcomes.push({ row: p.u.row, key: p.u.trackingNumber, status: "skipped", reason: "not_written", warnings: p.warnings });
    }
  }
  return { outcomes, accountsCreated };
}

function mismatches(purchasings: ExistingPurchasing[], email: string | null): string[] {
  return purchasings.flatMap((p) => {
    const w = emailMismatchWarning(p.accountEmail, email);
    return w ? [w] : [];
  });
}
