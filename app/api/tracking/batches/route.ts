// GET /api/tracking/batches – list batches by tracker and age (?task_name=&days=&status=)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { listBatchesQuery } from "@/lib/tracking/batches/batch-queries";
import { searchParamsObject } from "@/lib/api/query-params";
import { serializeBatch } from "@/lib/tracking/batches/get-batch-summary";
import { listBatches } from "@/lib/tracking/batches/list-batches";

export const GET = withStaff(async ({ req }) => {
  const query = listBatchesQuery.parse(searchParamsObject(req.nextUrl.searchParams));
  const batches = await listBatches({ taskName: query.task_name, days: query.days, status: query.status, limit: query.limit });
  return NextResponse.json({ batches: batches.map(serializeBatch) });
});
