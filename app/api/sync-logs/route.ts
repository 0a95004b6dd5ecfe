// GET /api/sync-logs – SyncLog records, newest first (?operation_type=&success=&job_id=&q=&hours=)
import { NextResponse } from "next/server";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { listSyncLogs, listSyncLogsQuery } from "@/lib/sync-logs/list-sync-logs";

export const GET = withStaff(async ({ req }) =>
  NextResponse.json(await listSyncLogs(listSyncLogsQuery.parse(searchParamsObject(req.nextUrl.searchParams)))),
);
