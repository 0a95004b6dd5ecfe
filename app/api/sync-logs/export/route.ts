// GET /api/sync-logs/export – the filtered, sorted sync logs as CSV or XLSX (?format=csv|xlsx&operation_type=&success=&job_id=&hours=&sort=&dir=), streamed, no row limit
import { exportFormat, exportResponse, exportTimeZone, withoutFormat } from "@/lib/api/export-response";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { exportSyncLogs } from "@/lib/sync-logs/export-sync-logs";
import { listSyncLogsQuery } from "@/lib/sync-logs/list-sync-logs";

export const GET = withStaff(async ({ req, session }) => {
  const params = searchParamsObject(req.nextUrl.searchParams);
  const format = exportFormat.parse(params.format);
  const query = listSyncLogsQuery.parse(withoutFormat(params));
  return exportResponse(format, exportSyncLogs(query, await exportTimeZone(session.user.id)), "sync-logs");
});
