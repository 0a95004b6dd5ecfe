// OrderDetailTask rows (seed 004 §1–2): one per shipped or delivered parent order
// without a package number. A task that completed without a package (Temu had
// none yet; not a failure) is armed again once it is 30 minutes old.
import type { Db } from "../db/client";
import { SHIPPED_OR_DELIVERED_CODES } from "./order-statuses";

export const ENRICH_MAX_RETRIES = 5;

/** Creates (or re-arms) tasks for the shop; returns how many rows were written. */
export async function createEnrichmentTasks(db: Db, shopId: number): Promise<number> {
  return db.$executeRawUnsafe(
    `INSERT INTO "OrderDetailTask" ("shopId","parentOrderSn","orderIds","status","maxRetries","nextAttemptAt","updatedAt")
     SELECT "shopId", "parentOrderSn", array_agg("orderSn" ORDER BY "orderSn"), 'pending'::"OrderDetailTaskStatus", $3, now(), now()
     FROM "TemuOrder"
     WHERE "shopId" = $1 AND "parentOrderStatusCode" = ANY($2::int[]) AND "packageSn" IS NULL
     GROUP BY "shopId", "parentOrderSn"
     ON CONFLICT ("shopId","parentOrderSn") DO UPDATE SET
       "status" = 'pending', "retryCount" = 0, "errorMessage" = NULL, "orderIds" = excluded."orderIds",
       "nextAttemptAt" = now(), "completedAt" = NULL, "updatedAt" = now()
     WHERE "OrderDetailTask"."status" = 'completed' AND "OrderDetailTask"."packageSn" IS NULL
       AND "OrderDetailTask"."completedAt" < now() - interval '30 minutes'`,
    shopId,
    SHIPPED_OR_DELIVERED_CODES,
    ENRICH_MAX_RETRIES,
  );
}

/** Puts a failed task back in the queue with a fresh retry budget (the page's retry button). */
export async function retryFailedTask(db: Db, shopId: number, taskId: number): Promise<boolean> {
  const result = await db.orderDetailTask.updateMany({
    where: { id: taskId, shopId, status: "failed" },
    data: { status: "pending", retryCount: 0, errorMessage: null, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
  });
  return result.count === 1;
}

export async function retryAllFailedTasks(db: Db, shopId: number): Promise<number> {
  const result = await db.orderDetailTask.updateMany({
    where: { shopId, status: "failed" },
    data: { status: "pending", retryCount: 0, errorMessage: null, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
  });
  return result.count;
}
