// Enrichment task lists and statistics for the APIs and the page.
import { z } from "zod";
import { ORDER_DETAIL_TASK_STATUSES } from "../db/enum-lists";
import type { Db, OrderDetailTask } from "../db/client";
import { taskCountsByStatus } from "./progress";

export const taskListQuery = z.object({
  status: z.enum(ORDER_DETAIL_TASK_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export function taskJson(task: OrderDetailTask) {
  return {
    id: task.id,
    parent_order_sn: task.parentOrderSn,
    order_ids: task.orderIds,
    status: task.status,
    package_sn: task.packageSn,
    error_message: task.errorMessage,
    retry_count: task.retryCount,
    max_retries: task.maxRetries,
    next_attempt_at: task.status === "pending" ? task.nextAttemptAt.toISOString() : null,
    locked_until: task.lockedUntil?.toISOString() ?? null,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
}

export async function listShopTasks(db: Db, shopId: number, query: z.infer<typeof taskListQuery>) {
  const where = { shopId, ...(query.status ? { status: query.status } : {}) };
  const [total, tasks] = await Promise.all([
    db.orderDetailTask.count({ where }),
    db.orderDetailTask.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    }),
  ]);
  return { total, page: query.page, page_size: query.page_size, items: tasks.map(taskJson) };
}

export async function enrichmentStats(db: Db, now = new Date()) {
  const [byStatus, perShop, shops, oldestPending, failed24, completed24] = await Promise.all([
    taskCountsByStatus(db),
    db.orderDetailTask.groupBy({ by: ["shopId", "status"], _count: true }),
    db.shop.findMany({ select: { id: true, shopId: true, name: true }, orderBy: { id: "asc" } }),
    db.orderDetailTask.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.orderDetailTask.count({ where: { status: "failed", updatedAt: { gte: new Date(now.getTime() - 86_400_000) } } }),
    db.orderDetailTask.count({ where: { status: "completed", updatedAt: { gte: new Date(now.getTime() - 86_400_000) } } }),
  ]);
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    total,
    by_status: byStatus,
    failure_rate_24h: failed24 + completed24 > 0 ? failed24 / (failed24 + completed24) : 0,
    oldest_pending_at: oldestPending?.createdAt.toISOString() ?? null,
    by_shop: shops.map((shop) => {
      const counts = { pending: 0, processing: 0, completed: 0, failed: 0 };
      for (const row of perShop) if (row.shopId === shop.id) counts[row.status] = row._count;
      return { shop_id: shop.shopId, name: shop.name, ...counts };
    }),
  };
}
