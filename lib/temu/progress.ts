// What the progress API and the page show of a shop's syncs and queue.
import type { Db, Shop, TemuSyncRun } from "../db/client";
import { shopJson } from "./shops";

export function runJson(run: TemuSyncRun | null) {
  if (!run) return null;
  const percent =
    run.status === "completed"
      ? 100
      : run.totalPages
        ? Math.min(100, Math.round((100 * Math.min(run.pagesDone, run.totalPages)) / run.totalPages))
        : 0;
  return {
    run_id: run.id,
    kind: run.kind,
    mode: run.mode,
    status: run.status,
    trigger: run.trigger,
    window_start: run.windowStart?.toISOString() ?? null,
    window_end: run.windowEnd.toISOString(),
    started_at: run.startedAt.toISOString(),
    heartbeat_at: run.heartbeatAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    pages_done: run.pagesDone,
    total_pages: run.totalPages,
    next_page: run.nextPage,
    total_items: run.totalItems,
    items_upserted: run.itemsUpserted,
    failed_pages: run.failedPages,
    tasks_created: run.tasksCreated,
    percent,
    error: run.error,
  };
}

export async function taskCountsByStatus(db: Db, shopId?: number) {
  const rows = await db.orderDetailTask.groupBy({ by: ["status"], where: shopId ? { shopId } : {}, _count: true });
  const counts = { pending: 0, processing: 0, completed: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row._count;
  return counts;
}

async function latestRun(db: Db, shopId: number, kind: "orders" | "products", where: object = {}) {
  return db.temuSyncRun.findFirst({ where: { shopId, kind, ...where }, orderBy: { id: "desc" } });
}

export async function shopSyncProgress(db: Db, shop: Shop) {
  const [current, lastIncremental, lastFull, productCurrent, lastProduct, enrichment, orders] = await Promise.all([
    latestRun(db, shop.id, "orders", { status: "running" }),
    latestRun(db, shop.id, "orders", { mode: "incremental", status: { not: "running" } }),
    latestRun(db, shop.id, "orders", { mode: "full", status: { not: "running" } }),
    latestRun(db, shop.id, "products", { status: "running" }),
    latestRun(db, shop.id, "products", { status: { not: "running" } }),
    taskCountsByStatus(db, shop.id),
    db.temuOrder.count({ where: { shopId: shop.id } }),
  ]);
  return {
    shop: shopJson(shop),
    orders: {
      sync_status: shop.syncStatus,
      last_sync_at: shop.lastSyncAt?.toISOString() ?? null,
      last_full_sync_at: shop.lastFullSyncAt?.toISOString() ?? null,
      current: runJson(current),
      last_incremental: runJson(lastIncremental),
      last_full: runJson(lastFull),
      stored_orders: orders,
    },
    products: {
      sync_status: shop.productSyncStatus,
      last_product_sync_at: shop.lastProductSyncAt?.toISOString() ?? null,
      last_product_full_sync_at: shop.lastProductFullSyncAt?.toISOString() ?? null,
      current: runJson(productCurrent),
      last: runJson(lastProduct),
    },
    enrichment,
  };
}
