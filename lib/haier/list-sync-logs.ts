// GET /api/haier/logs as seed 002 describes it: admin only, filters sync_type
// and status, `limit` (default 10) newest first, answered as {count, results}
// with the serializer's fields (duration in seconds from started/completed).
import type { Db, HaierSyncLog } from "../db/client";
import { HaierSyncStatus, HaierSyncType } from "../db/client";

export const SYNC_TYPE_LABELS: Record<HaierSyncType, string> = {
  products: "商品同步",
  prices: "价格同步",
  stock: "库存同步",
  order: "订单推送",
  logistics: "物流查询",
  manual: "手动操作",
};

export const SYNC_STATUS_LABELS: Record<HaierSyncStatus, string> = {
  pending: "待处理",
  processing: "处理中",
  success: "成功",
  failed: "失败",
  partial: "部分成功",
};

export const DEFAULT_LOG_LIMIT = 10;
export const MAX_LOG_LIMIT = 1000;

export class LogQueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly allowed?: string[],
  ) {
    super(message);
  }
}

export interface LogQuery {
  syncType?: HaierSyncType;
  status?: HaierSyncStatus;
  limit: number;
}

export function parseLogQuery(params: URLSearchParams): LogQuery {
  const syncType = params.get("sync_type") || undefined;
  const status = params.get("status") || undefined;
  const limitText = params.get("limit") || undefined;
  const types = Object.values(HaierSyncType) as string[];
  const statuses = Object.values(HaierSyncStatus) as string[];
  if (syncType !== undefined && !types.includes(syncType)) {
    throw new LogQueryError(`Unknown sync_type "${syncType}". Allowed values: ${types.join(", ")}`, "sync_type", types);
  }
  if (status !== undefined && !statuses.includes(status)) {
    throw new LogQueryError(`Unknown status "${status}". Allowed values: ${statuses.join(", ")}`, "status", statuses);
  }
  let limit = DEFAULT_LOG_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1)
      throw new LogQueryError(`limit must be a whole number from 1 to ${MAX_LOG_LIMIT}`, "limit");
    limit = Math.min(MAX_LOG_LIMIT, Number(limitText));
  }
  return { syncType: syncType as HaierSyncType | undefined, status: status as HaierSyncStatus | undefined, limit };
}

/** Seconds between started_at and completed_at (seed 002 `duration` property); null while unfinished. */
export function durationSeconds(log: Pick<HaierSyncLog, "startedAt" | "completedAt">): number | null {
  if (!log.startedAt || !log.completedAt) return null;
  return Math.round((log.completedAt.getTime() - log.startedAt.getTime()) / 10) / 100;
}

export function serializeSyncLog(log: HaierSyncLog) {
  return {
    id: log.id,
    sync_type: log.syncType,
    sync_type_display: SYNC_TYPE_LABELS[log.syncType],
    status: log.status,
    status_display: SYNC_STATUS_LABELS[log.status],
    message: log.message,
    total_count: log.totalCount,
    success_count: log.successCount,
    failed_count: log.failedCount,
    started_at: log.startedAt,
    completed_at: log.completedAt,
    created_at: log.createdAt,
    duration: durationSeconds(log),
    // Beyond the seed: who started it, its engine run, and the API metrics of seed 003.
    triggered_by: log.triggeredBy,
    run_id: log.runId,
    options: log.options,
    api_calls: log.apiCalls,
    api_latency_ms: log.apiLatencyMs,
  };
}

export type SerializedSyncLog = ReturnType<typeof serializeSyncLog>;

export async function listHaierSyncLogs(db: Db, query: LogQuery) {
  const logs = await db.haierSyncLog.findMany({
    where: { ...(query.syncType ? { syncType: query.syncType } : {}), ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  const results = logs.map(serializeSyncLog);
  return { count: results.length, results };
}
