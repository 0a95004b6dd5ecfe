// Order sync of one shop (seed 004 §5–6): incremental from the watermark minus
// an overlap, or full; pages fetched a chunk at a time and the run's progress
// written after each chunk, so a crash resumes at the next page. A page that
// still fails after the client's retries is a gap: retried at the end, and if it
// still fails the run fails and the watermark does not move (PEERS.md: the peer
// advanced it past skipped pages and lost orders).
import type { Db, TemuSyncMode, TemuSyncRun } from "../db/client";
import { createEnrichmentTasks } from "./enrichment-tasks";
import { isTemuApiError, TemuApiError } from "./errors";
import type { TemuDeps } from "./shop-client";
import type { TemuOrderListResult } from "./types";
import { upsertOrderPage } from "./upsert-orders";

export const ORDER_PAGE_SIZE = 100;
/** Pages fetched together; their sends are spaced by the app_key limiter anyway. */
export const PAGES_PER_CHUNK = 5;
/** Re-read this much before the watermark: updates Temu records late at the boundary are not missed. */
export const ORDER_SYNC_OVERLAP_SECONDS = 300;

export class SyncRefusedError extends Error {}

async function loadShop(db: Db, shopId: number) {
  return db.shop.findUniqueOrThrow({ where: { id: shopId } });
}

/** The shop's running order sync (resumed after a crash) or a new one. */
export async function startOrderSync(
  deps: TemuDeps,
  input: { shopId: number; mode: TemuSyncMode; trigger?: string },
): Promise<{ runId: number; resumed: boolean }> {
  const { db } = deps;
  const shop = await loadShop(db, input.shopId);
  const running = await db.temuSyncRun.findFirst({
    where: { shopId: shop.id, kind: "orders", status: "running" },
    orderBy: { id: "desc" },
  });
  if (running) {
    await db.temuSyncRun.update({ where: { id: running.id }, data: { heartbeatAt: deps.now() } });
    return { runId: running.id, resumed: true };
  }
  const now = deps.now();
  const windowStart =
    input.mode === "incremental" && shop.lastSyncAt ? new Date(shop.lastSyncAt.getTime() - ORDER_SYNC_OVERLAP_SECONDS * 1000) : null;
  const run = await db.temuSyncRun.create({
    data: {
      shopId: shop.id,
      kind: "orders",
      mode: input.mode,
      trigger: input.trigger ?? "cron",
      windowStart,
      windowEnd: now,
      pageSize: ORDER_PAGE_SIZE,
      startedAt: now,
      heartbeatAt: now,
    },
  });
  await db.shop.update({ where: { id: shop.id }, data: { syncStatus: "syncing" } });
  return { runId: run.id, resumed: false };
}

function listParams(run: TemuSyncRun, pageNumber: number) {
  return {
    pageNumber,
    pageSize: run.pageSize,
    ...(run.windowStart
      ? { updateAtStart: Math.floor(run.windowStart.getTime() / 1000), updateAtEnd: Math.ceil(run.windowEnd.getTime() / 1000) }
      : {}),
  };
}

type PageOutcome = { page: number; result: TemuOrderListResult } | { page: number; error: TemuApiError };

async function fetchPages(deps: TemuDeps, run: TemuSyncRun, pages: number[]): Promise<PageOutcome[]> {
  const shop = await loadShop(deps.db, run.shopId);
  const client = deps.clientFor(shop);
  return Promise.all(
    pages.map(async (page): Promise<PageOutcome> => {
      try {
        return { page, result: await client.listOrders(listParams(run, page)) };
      } catch (error) {
        if (!isTemuApiError(error)) throw error;
        // Credentials and request bugs fail the whole run at once: no retry storm.
        if (!error.retryable) throw error;
        return { page, error };
      }
    }),
  );
}

function maxUpdate(current: Date | null, result: TemuOrderListResult): Date | null {
  let max = current?.getTime() ?? 0;
  for (const item of result.pageItems) max = Math.max(max, item.parentOrderMap.updateTime * 1000);
  return max > 0 ? new Date(max) : null;
}

export interface ChunkProgress {
  done: boolean;
  nextPage: number;
  pagesDone: number;
  totalPages: number | null;
}

/** Fetches and stores the next chunk of pages and records the progress. */
export async function processOrderSyncChunk(deps: TemuDeps, runId: number): Promise<ChunkProgress> {
  const { db } = deps;
  const run = await db.temuSyncRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.status !== "running") return { done: true, nextPage: run.nextPage, pagesDone: run.pagesDone, totalPages: run.totalPages };
  if (run.totalPages !== null && run.nextPage > run.totalPages)
    return { done: true, nextPage: run.nextPage, pagesDone: run.pagesDone, totalPages: run.totalPages };

  // The first page alone tells how many there are.
  const last = run.totalPages === null ? run.nextPage : Math.min(run.totalPages, run.nextPage + PAGES_PER_CHUNK - 1);
  const pages = Array.from({ length: last - run.nextPage + 1 }, (_, i) => run.nextPage + i);
  const outcomes = await fetchPages(deps, run, pages);

  let upserted = 0;
  let maxUpdateTime = run.maxUpdateTime;
  let minTotal = Infinity;
  let latestTotal: number | null = run.totalItems;
  const failed = new Set(run.failedPages);
  for (const outcome of outcomes) {
    if ("error" in outcome) {
      failed.add(outcome.page);
      continue;
    }
    failed.delete(outcome.page);
    upserted += await upsertOrderPage(db, run.shopId, outcome.result.pageItems);
    maxUpdateTime = maxUpdate(maxUpdateTime, outcome.result);
    minTotal = Math.min(minTotal, outcome.result.totalItemNum);
    latestTotal = outcome.result.totalItemNum;
  }
  const succeeded = outcomes.filter((o) => !("error" in o)).length;

  let nextPage = last + 1;
  // Orders updated past the window end while we page drop out of it and shift
  // later ones a page forward: step back over the shifted rows (upserts are idempotent).
  if (run.totalItems !== null && minTotal < run.totalItems) {
    const shifted = run.totalItems - minTotal;
    nextPage = Math.max(1, pages[0] - Math.ceil(shifted / run.pageSize));
    if (nextPage >= pages[0]) nextPage = last + 1;
  }
  const totalPages = latestTotal === null ? run.totalPages : Math.max(1, Math.ceil(latestTotal / run.pageSize));
  if (latestTotal === null && run.totalPages === null) {
    // The first page itself failed: it stays a gap; keep going only if we know the size.
    await db.temuSyncRun.update({ where: { id: run.id }, data: { failedPages: [...failed], heartbeatAt: deps.now() } });
    throw new TemuApiError("system", `first page of shop ${run.shopId}'s order list failed after retries`);
  }
  await db.temuSyncRun.update({
    where: { id: run.id },
    data: {
      nextPage,
      pagesDone: { increment: succeeded },
      itemsUpserted: { increment: upserted },
      failedPages: [...failed].sort((a, b) => a - b),
      maxUpdateTime,
      totalItems: latestTotal,
      totalPages,
      heartbeatAt: deps.now(),
    },
  });
  return { done: nextPage > totalPages!, nextPage, pagesDone: run.pagesDone + succeeded, totalPages };
}

export interface OrderSyncSummary {
  runId: number;
  status: "completed" | "failed";
  itemsUpserted: number;
  failedPages: number[];
  tasksCreated: number;
  lastSyncAt: string | null;
}

/** Refetches gaps once, then closes the run, moves the watermark (only when nothing is missing) and queues enrichment tasks. */
export async function finishOrderSync(deps: TemuDeps, runId: number): Promise<OrderSyncSummary> {
  const { db } = deps;
  let run = await db.temuSyncRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.status !== "running") {
    // Already closed (a retried step): report it as it is.
    const shop = await loadShop(db, run.shopId);
    return {
      runId: run.id,
      status: run.status,
      itemsUpserted: run.itemsUpserted,
      failedPages: run.failedPages,
      tasksCreated: run.tasksCreated,
      lastSyncAt: shop.lastSyncAt?.toISOString() ?? null,
    };
  }
  if (run.failedPages.length > 0) {
    const outcomes = await fetchPages(deps, run, run.failedPages);
    let upserted = 0;
    let maxUpdateTime = run.maxUpdateTime;
    const stillFailed: number[] = [];
    for (const outcome of outcomes) {
      if ("error" in outcome) stillFailed.push(outcome.page);
      else {
        upserted += await upsertOrderPage(db, run.shopId, outcome.result.pageItems);
        maxUpdateTime = maxUpdate(maxUpdateTime, outcome.result);
      }
    }
    run = await db.temuSyncRun.update({
      where: { id: run.id },
      data: {
        failedPages: stillFailed,
        maxUpdateTime,
        itemsUpserted: { increment: upserted },
        pagesDone: { increment: outcomes.length - stillFailed.length },
      },
    });
  }
  const shop = await loadShop(db, run.shopId);
  const now = deps.now();
  const tasksCreated = await createEnrichmentTasks(db, run.shopId);
  if (run.failedPages.length === 0) {
    // Watermark: the newest update actually stored, never the clock.
    const stored = run.maxUpdateTime;
    const lastSyncAt = stored && (!shop.lastSyncAt || stored > shop.lastSyncAt) ? stored : shop.lastSyncAt;
    await db.temuSyncRun.update({ where: { id: run.id }, data: { status: "completed", finishedAt: now, tasksCreated } });
    await db.shop.update({
      where: { id: shop.id },
      data: {
        lastSyncAt,
        ...(run.mode === "full" ? { lastFullSyncAt: run.windowEnd } : {}),
        lastSuccessfulSyncAt: now,
        syncStatus: "success",
        lastSyncError: null,
      },
    });
    return {
      runId: run.id,
      status: "completed",
      itemsUpserted: run.itemsUpserted,
      failedPages: [],
      tasksCreated,
      lastSyncAt: lastSyncAt?.toISOString() ?? null,
    };
  }
  const error =
    run.error ??
    `pages ${run.failedPages.join(", ")} failed after retries; the watermark stays at ${shop.lastSyncAt?.toISOString() ?? "none"}`;
  await db.temuSyncRun.update({ where: { id: run.id }, data: { status: "failed", finishedAt: now, error, tasksCreated } });
  await db.shop.update({ where: { id: shop.id }, data: { syncStatus: "failed", lastSyncError: error } });
  return {
    runId: run.id,
    status: "failed",
    itemsUpserted: run.itemsUpserted,
    failedPages: run.failedPages,
    tasksCreated,
    lastSyncAt: shop.lastSyncAt?.toISOString() ?? null,
  };
}

/** Marks a run failed (credentials refused, retries exhausted) without touching the watermark. */
export async function failSync(deps: TemuDeps, runId: number, error: unknown): Promise<void> {
  const { db } = deps;
  const message =
    isTemuApiError(error) && error.hint ? `${error.message} — ${error.hint}` : error instanceof Error ? error.message : String(error);
  const run = await db.temuSyncRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== "running") return;
  const statusField = run.kind === "orders" ? "syncStatus" : "productSyncStatus";
  await db.temuSyncRun.update({ where: { id: runId }, data: { status: "failed", finishedAt: deps.now(), error: message } });
  await db.shop.update({ where: { id: run.shopId }, data: { [statusField]: "failed", lastSyncError: message } });
}

/** The whole sync in one call (benchmarks, tests, the CLI); the Inngest function runs the same pieces as steps. */
export async function runOrderSync(
  deps: TemuDeps,
  input: { shopId: number; mode: TemuSyncMode; trigger?: string },
): Promise<OrderSyncSummary> {
  const { runId } = await startOrderSync(deps, input);
  try {
    for (;;) {
      const progress = await processOrderSyncChunk(deps, runId);
      if (progress.done) break;
    }
    const summary = await finishOrderSync(deps, runId);
    await deps.callLog.flush();
    return summary;
  } catch (error) {
    if (isTemuApiError(error) && !error.retryable) await failSync(deps, runId, error);
    await deps.callLog.flush();
    throw error;
  }
}
