// GET /api/tracking/batches/pending – batches not finished yet (pending or processing)
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { serializeBatch } from "@/lib/tracking/batches/get-batch-summary";
import { getPendingBatches } from "@/lib/tracking/batches/list-batches";

export const GET = withStaff(async () => {
  const batches = await getPendingBatches();
  return NextResponse.json({ batches: batches.map(serializeBatch) });
});
