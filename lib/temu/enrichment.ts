// Package-number enrichment (seed 004 §2–4). The seed's Redis queue, 5-minute
// lock and polling thread become rows: a run claims up to 50 due tasks in one
// statement (FOR UPDATE SKIP LOCKED) and owns them until lockedUntil; every
// write checks the owner, so a task is never processed by two runs at once,
// and a crashed run's tasks are claimed again when their lock expires.
import type { Db, OrderDetailTask } from "../db/client";
import { isTemuApiError } from "./errors";
import type { TemuDeps } from "./shop-client";

export const ENRICH_BATCH_SIZE = 50;
export const TASK_LOCK_MS = 5 * 60_000;

export interface EnrichOptions {
  runId: string;
  shopId?: number;
  batchSize?: number;
  /** Wait before retry n is base·2^(n−1), capped at 10 minutes. */
  backoffBaseMs?: number;
}

export async function claimTaskBatch(db: Db, options: EnrichOptions): Promise<OrderDetailTask[]> {
  const limit = options.batchSize ?? ENRICH_BATCH_SIZE;
  const shopFilter = options.shopId === undefined ? "" : `AND "shopId" = ${Number(options.shopId)}`;
  const ids = await db.$queryRawUnsafe<{ id: number }[]>(
    `UPDATE "OrderDetailTask" SET "status" = 'processing', "lockedBy" = $1,
       "lockedUntil" = clock_timestamp() + interval '${TASK_LOCK_MS} milliseconds', "lastAttemptAt" = clock_timestamp(), "updatedAt" = now()
     WHERE "id" IN (
       SELECT "id" FROM "OrderDetailTask"
       WHERE (("status" = 'pending' AND "nextAttemptAt" <= clock_timestamp())
          OR ("status" = 'processing' AND "lockedUntil" < clock_timestamp())) ${shopFilter}
       ORDER BY "nextAttemptAt", "id" LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING "id"`,
    options.runId,
    limit,
  );
  if (ids.length === 0) return [];
  return db.orderDetailTask.findMany({ where: { id: { in: ids.map((r) => r.id) }, lockedBy: options.runId }, orderBy: { id: "asc" } });
}

export interface BatchResult {
  claimed: number;
  completed: number;
  withoutPackage: number;
  retried: number;
  failed: number;
  released: number;
}

type Outcome =
  | { task: OrderDetailTask; kind: "completed"; packageSn: string | null; packages: Map<string, string> }
  | { task: OrderDetailTask; kind: "error"; message: string }
  | { task: OrderDetailTask; kind: "release"; message: string };

export async function processTaskBatch(deps: TemuDeps, tasks: OrderDetailTask[], options: EnrichOptions): Promise<BatchResult> {
  const { db } = deps;
  const shopIds = [...new Set(tasks.map((t) => t.shopId))];
  const shops = new Map((await db.shop.findMany({ where: { id: { in: shopIds } } })).map((s) => [s.id, s]));
  const outcomes: Outcome[] = await Promise.all(
    tasks.map(async (task): Promise<Outcome> => {
      try {
        const shop = shops.get(task.shopId)!;
        const detail = await deps.clientFor(shop).orderDetail(task.parentOrderSn);
        const packages = new Map<string, string>();
        for (const order of detail.orderList ?? []) {
          const sn = order.packageSnInfo?.find((p) => p.packageSn)?.packageSn;
          if (sn) packages.set(order.orderSn, sn);
        }
        const packageSn = [...new Set(packages.values())].join(",") || null;
        return { task, kind: "completed", packageSn, packages };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Refused credentials are the shop's problem, not the task's: hand it back uncounted and wait.
        if (isTemuApiError(error) && (error.kind === "auth" || error.kind === "bad_sign"))
          return { task, kind: "release", message: `${message} — ${error.hint}` };
        return { task, kind: "error", message };
      }
    }),
  );

  const result: BatchResult = { claimed: tasks.length, completed: 0, withoutPackage: 0, retried: 0, failed: 0, released: 0 };
  const base = options.backoffBaseMs ?? 30_000;
  const now = Date.now();
  const orderSns: string[] = [];
  const orderPackages: string[] = [];
  const done = { ids: [] as number[], packageSns: [] as (string | null)[] };
  const retry = { ids: [] as number[], errors: [] as string[], nextAt: [] as string[] };
  const failed = { ids: [] as number[], errors: [] as string[] };
  const released = { ids: [] as number[], errors: [] as string[] };
  for (const outcome of outcomes) {
    const task = outcome.task;
    if (outcome.kind === "completed") {
      done.ids.push(task.id);
      done.packageSns.push(outcome.packageSn);
      result.completed++;
      if (!outcome.packageSn) result.withoutPackage++;
      for (const [orderSn, sn] of outcome.packages) {
        orderSns.push(orderSn);
        orderPackages.push(sn);
      }
    } else if (outcome.kind === "release") {
      released.ids.push(task.id);
      released.errors.push(outcome.message);
      result.released++;
    } else if (task.retryCount + 1 >= task.maxRetries) {
      failed.ids.push(task.id);
      failed.errors.push(`${outcome.message} (after ${task.retryCount + 1} attempts)`);
      result.failed++;
    } else {
      retry.ids.push(task.id);
      retry.errors.push(outcome.message);
      retry.nextAt.push(new Date(now + Math.min(600_000, base * 2 ** task.retryCount)).toISOString().replace("Z", ""));
      result.retried++;
    }
  }
  const owner = options.runId;
  // Every write is conditional on still owning the task (lockedBy): a run whose lock expired writes nothing.
  if (done.ids.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "OrderDetailTask" t SET "status" = 'completed', "packageSn" = u.sn, "errorMessage" = NULL, "completedAt" = now(),
         "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[]) AS u(id, sn) WHERE t."id" = u.id AND t."lockedBy" = $3`,
      done.ids,
      done.packageSns,
      owner,
    );
  }
  if (orderSns.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "TemuOrder" o SET "packageSn" = u.sn, "updatedAt" = now() FROM unnest($1::text[], $2::text[]) AS u(order_sn, sn) WHERE o."orderSn" = u.order_sn`,
      orderSns,
      orderPackages,
    );
  }
  if (retry.ids.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "OrderDetailTask" t SET "status" = 'pending', "retryCount" = t."retryCount" + 1, "errorMessage" = u.err, "nextAttemptAt" = u.next_at,
         "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[], $3::timestamp(3)[]) AS u(id, err, next_at) WHERE t."id" = u.id AND t."lockedBy" = $4`,
      retry.ids,
      retry.errors,
      retry.nextAt,
      owner,
    );
  }
  if (failed.ids.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "OrderDetailTask" t SET "status" = 'failed', "retryCount" = t."retryCount" + 1, "errorMessage" = u.err,
         "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[]) AS u(id, err) WHERE t."id" = u.id AND t."lockedBy" = $3`,
      failed.ids,
      failed.errors,
      owner,
    );
  }
  if (released.ids.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "OrderDetailTask" t SET "status" = 'pending', "errorMessage" = u.err, "nextAttemptAt" = now() + interval '10 minutes',
         "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
       FROM unnest($1::int[], $2::text[]) AS u(id, err) WHERE t."id" = u.id AND t."lockedBy" = $3`,
      released.ids,
      released.errors,
      owner,
    );
    await db.shop.updateMany({
      where: { id: { in: [...new Set(released.ids.map((id) => tasks.find((t) => t.id === id)!.shopId))] } },
      data: { lastSyncError: released.errors[0] },
    });
  }
  return result;
}

/** Claims and processes batches until none is due or `maxBatches` ran. */
export async function runEnrichment(
  deps: TemuDeps,
  options: EnrichOptions & { maxBatches?: number },
): Promise<BatchResult & { batches: number }> {
  const total = { claimed: 0, completed: 0, withoutPackage: 0, retried: 0, failed: 0, released: 0, batches: 0 };
  const maxBatches = options.maxBatches ?? Infinity;
  while (total.batches < maxBatches) {
    const tasks = await claimTaskBatch(deps.db, options);
    if (tasks.length === 0) break;
    const result = await processTaskBatch(deps, tasks, options);
    total.batches++;
    for (const key of Object.keys(result) as (keyof BatchResult)[]) total[key] += result[key];
    if (result.released > 0) break;
  }
  await deps.callLog.flush();
  return total;
}

/** Shops with tasks due now (new, retry time reached, or a crashed run's expired lock): the sweep's work list. */
export async function shopsWithDueTasks(db: Db): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<{ shopId: number }[]>(
    `SELECT DISTINCT "shopId" FROM "OrderDetailTask"
     WHERE ("status" = 'pending' AND "nextAttemptAt" <= clock_timestamp()) OR ("status" = 'processing' AND "lockedUntil" < clock_timestamp())`,
  );
  return rows.map((r) => r.shopId);
}
