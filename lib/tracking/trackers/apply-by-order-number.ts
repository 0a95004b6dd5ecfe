// Seed 000 §5.6 for trackers whose rows name the order (the Apple order page
// and Yamato): every row of the export, keyed by order_number, applied in
// bulk. New order numbers create a Purchasing with its Inventory; an email
// that differs from the associated account's is a warning, not a stop.
import type { TrackingDb } from "../db";
import {
  chunk,
  ensureOfficialAccounts,
  insertPurchasings,
  loadPurchasingsByOrderNumber,
  updatePurchasings,
  type PurchasingWrite,
} from "./purchasing-writes";
import type { TrackingUpdate } from "./read-tracking-row";
import type { StatusChangeSource } from "./status-history";
import { latestRowPerKey, type RowOutcome } from "./tracker-result";

export interface ApplyResult {
  outcomes: RowOutcome[];
  accountsCreated: number;
}

export function emailMismatchWarning(accountEmail: string | null, rowEmail: string | null): string | null {
  if (!accountEmail || !rowEmail) return null;
  if (accountEmail.trim().toLowerCase() === rowEmail.trim().toLowerCase()) return null;
  return `email_mismatch: purchasing account ${accountEmail}, export ${rowEmail}`;
}

export async function applyByOrderNumber(
  db: TrackingDb,
  updates: TrackingUpdate[],
  now: Date,
  source: StatusChangeSource | null = null,
): Promise<ApplyResult> {
  const outcomes: RowOutcome[] = [];
  const kept = latestRowPerKey(updates, (u) => u.orderNumber, "missing_order_number", outcomes);

  let accountsCreated = 0;
  for (const part of chunk(kept)) {
    const accounts = await ensureOfficialAccounts(
      db,
      part.flatMap((u) => (u.email ? [u.email] : [])),
      now,
    );
    accountsCreated += [...accounts.values()].filter((a) => a.created).length;
    const existing = await loadPurchasingsByOrderNumber(
      db,
      part.map((u) => u.orderNumber!),
    );

    const toInsert: PurchasingWrite[] = [];
    const toUpdate: (PurchasingWrite & { id: number })[] = [];
    const warningsByRow = new Map<number, string[]>();
    for (const u of part) {
      const accountId = u.email ? (accounts.get(u.email)?.id ?? null) : null;
      const found = existing.get(u.orderNumber!);
      const warnings = [...u.warnings];
      if (found) {
        const mismatch = emailMismatchWarning(found.accountEmail, u.email);
        if (mismatch) warnings.push(mismatch);
        toUpdate.push({ id: found.id, update: u, accountId });
      } else {
        toInsert.push({ update: u, accountId });
      }
      warningsByRow.set(u.row, warnings);
    }

    const inserted = await insertPurchasings(db, toInsert, now, source);
    // Orders another transaction created after our read: update them instead.
    const lost = toInsert.filter((w) => !inserted.has(w.update.orderNumber!));
    if (lost.length > 0) {
      const raced = await loadPurchasingsByOrderNumber(
        db,
        lost.map((w) => w.update.orderNumber!),
      );
      for (const w of lost) {
        const found = raced.get(w.update.orderNumber!);
        if (found) toUpdate.push({ ...w, id: found.id });
      }
    }
    await updatePurchasings(db, toUpdate, now, source);

    const updatedIds = new Map(toUpdate.map((w) => [w.update, w.id]));
    for (const u of part) {
      const insertedId = inserted.get(u.orderNumber!);
      const updatedId = updatedIds.get(u);
      if (!insertedId && !updatedId) {
        outcomes.push({
          row: u.row,
          key: u.orderNumber,
          status: "skipped",
          reason: "not_written",
          warnings: warningsByRow.get(u.row) ?? [],
        });
        continue;
      }
      outcomes.push({
        row: u.row,
        key: u.orderNumber,
        status: insertedId ? "created" : "updated",
        warnings: warningsByRow.get(u.row) ?? [],
        purchasingIds: [insertedId ?? updatedId!],
      });
    }
  }
  return { outcomes, accountsCreated };
}
