// GET /api/haier/logs – HaierSyncLog records, newest first (seed 002: admin only; ?sync_type=&status=&limit=10)
import { NextResponse } from "next/server";
import { badRequest } from "@/lib/api/errors";
import { withAdmin } from "@/lib/api/with-session";
import { prisma } from "@/lib/db/client";
import { listHaierSyncLogs, LogQueryError, parseLogQuery } from "@/lib/haier/list-sync-logs";

export const GET = withAdmin(async ({ req }) => {
  let query;
  try {
    query = parseLogQuery(req.nextUrl.searchParams);
  } catch (error) {
    if (error instanceof LogQueryError)
      throw badRequest(error.message, { field: error.field, ...(error.allowed ? { allowed_values: error.allowed } : {}) });
    throw error;
  }
  return NextResponse.json(await listHaierSyncLogs(prisma, query));
});
