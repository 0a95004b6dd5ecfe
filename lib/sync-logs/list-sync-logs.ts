import { z } from "zod";
import { prisma, type Prisma } from "../db/client";
import { SYNC_LOG_OPERATION_TYPES, type SyncLogOperationType } from "./operation-types";

/** Sortable columns of the sync-log list (URL `sort=`); ties break by id. */
export const SYNC_LOG_SORTS = ["created_at", "operation_type", "success", "job_id"] as const;

export const listSyncLogsQuery = z.object({
  operation_type: z.enum(SYNC_LOG_OPERATION_TYPES).optional(),
  success: z.enum(["true", "false"]).optional(),
  job_id: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .optional(),
  sort: z.enum(SYNC_LOG_SORTS).default("created_at"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type ListSyncLogsQuery = z.infer<typeof listSyncLogsQuery>;

export function syncLogOrderBy(query: Pick<ListSyncLogsQuery, "sort" | "dir">): Prisma.SyncLogOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "operation_type":
      return [{ operationType: dir }, { id: dir }];
    case "success":
      return [{ success: dir }, { id: dir }];
    case "job_id":
      return [{ jobId: { sort: dir, nulls: "last" } }, { id: dir }];
    default:
      return [{ createdAt: dir }, { id: dir }];
  }
}

export function syncLogWhere(
  query: Pick<ListSyncLogsQuery, "operation_type" | "success" | "job_id" | "q" | "hours">,
  now = new Date(),
): Prisma.SyncLogWhereInput {
  return {
    ...(query.operation_type ? { operationType: query.operation_type } : {}),
    ...(query.success ? { success: query.success === "true" } : {}),
    ...(query.job_id ? { jobId: query.job_id } : {}),
    ...(query.q ? { message: { contains: query.q, mode: "insensitive" } } : {}),
    ...(query.hours ? { createdAt: { gte: new Date(now.getTime() - query.hours * 3_600_000) } } : {}),
  };
}

export async function listSyncLogs(query: ListSyncLogsQuery) {
  const where = syncLogWhere(query);
  const logs = await prisma.syncLog.findMany({ where, orderBy: syncLogOrderBy(query), take: query.limit });
  const types = await listOperationTypes();
  return {
    results: logs.map((log) => ({
      id: log.id,
      operation_type: log.operationType,
      task_id: log.taskId,
      file_path: log.filePath,
      message: log.message,
      success: log.success,
      job_id: log.jobId,
      details: log.details,
      created_at: log.createdAt,
    })),
    operation_types: types.map((operationType) => ({ operation_type: operationType })),
  };
}

/**
 * The operation types present, so the page can offer them as filters. A loose
 * index scan: one index probe per distinct type instead of grouping every row
 * (a year of logs is a million rows and a handful of types).
 */
export async function listOperationTypes(): Promise<SyncLogOperationType[]> {
  const rows = await prisma.$queryRaw<{ operationType: SyncLogOperationType }[]>`
    WITH RECURSIVE types AS (
      (SELECT "operationType" FROM "SyncLog" ORDER BY "operationType" LIMIT 1)
      UNION ALL
      SELECT (SELECT s."operationType" FROM "SyncLog" s WHERE s."operationType" > types."operationType" ORDER BY s."operationType" LIMIT 1)
      FROM types WHERE types."operationType" IS NOT NULL
    )
    SELECT "operationType" FROM types WHERE "operationType" IS NOT NULL`;
  return rows.map((r) => r.operationType);
}
