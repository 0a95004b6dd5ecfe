// The sync-log list as a spreadsheet: the page's filters and sort, every matching row (no page limit).
import { prisma } from "../db/client";
import { formatAbsoluteTime } from "../i18n/format-time";
import { paged, type ExportTable } from "../export/table-export";
import { syncLogOrderBy, syncLogWhere, type ListSyncLogsQuery } from "./list-sync-logs";

export const SYNC_LOG_EXPORT_COLUMNS = ["created_at", "operation_type", "success", "job_id", "task_id", "file_path", "message", "details"];

export function exportSyncLogs(query: ListSyncLogsQuery, timeZone: string): ExportTable {
  const where = syncLogWhere(query);
  const orderBy = syncLogOrderBy(query);
  async function* rows() {
    for await (const log of paged((skip, take) => prisma.syncLog.findMany({ where, orderBy, skip, take }))) {
      yield [
        formatAbsoluteTime(log.createdAt, timeZone),
        log.operationType,
        log.success,
        log.jobId,
        log.taskId,
        log.filePath,
        log.message,
        log.details === null ? null : JSON.stringify(log.details),
      ];
    }
  }
  return { columns: SYNC_LOG_EXPORT_COLUMNS, rows: rows() };
}
