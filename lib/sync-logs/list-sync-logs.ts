import { z } from "zod";
import { prisma, type Prisma } from "../db/client";

export const listSyncLogsQuery = z.object({
  operation_type: z.string().trim().max(100).optional(),
  success: z.enum(["true", "false"]).optional(),
  job_id: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  hours: z.coerce.number().int().min(1).max(24 * 90).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type ListSyncLogsQuery = z.infer<typeof listSyncLogsQuery>;

export async function listSyncLogs(query: ListSyncLogsQuery) {
  const where: Prisma.SyncLogWhereInput = {
    ...(query.operation_type ? { operationType: query.operation_type } : {}),
    ...(query.success ? { success: query.success === "true" } : {}),
    ...(query.job_id ? { jobId: query.job_id } : {}),
    ...(query.q ? { message: { contains: query.q, mode: "insensitive" } } : {}),
    ...(query.hours ? { createdAt: { gte: new Date(Date.now() - query.hours * 3_600_000) } } : {}),
  };
  const logs = await prisma.syncLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit });
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
export async function listOperationTypes(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ operationType: string }[]>`
    WITH RECURSIVE types AS (
      (SELECT "operationType" FROM "SyncLog" ORDER BY "operationType" LIMIT 1)
      UNION ALL
      SELECT (SELECT s."operationType" FROM "SyncLog" s WHERE s."operationType" > types."operationType" ORDER BY s."operationType" LIMIT 1)
      FROM types WHERE types."operationType" IS NOT NULL
    )
    SELECT "operationType" FROM types WHERE "operationType" IS NOT NULL`;
  return rows.map((r) => r.operationType);
}
