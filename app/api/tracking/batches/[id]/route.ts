// GET /api/tracking/batches/[id] – one batch by uuid, 8-character short id, or ?file_path=; with summary and jobs
import { NextResponse } from "next/server";
import { notFound } from "@/lib/api/errors";
import { withStaff } from "@/lib/api/with-session";
import { batchDetailQuery } from "@/lib/tracking/batches/batch-queries";
import { searchParamsObject } from "@/lib/api/query-params";
import { getBatchByFilePath, getBatchByUuid } from "@/lib/tracking/batches/get-batch";
import { getBatchSummary, serializeBatch, serializeJobWithLinks } from "@/lib/tracking/batches/get-batch-summary";

export const GET = withStaff(async ({ req, params }) => {
  const query = batchDetailQuery.parse(searchParamsObject(req.nextUrl.searchParams));
  const id = String(params.id ?? "");
  const batch = query.file_path ? await getBatchByFilePath(query.file_path) : await getBatchByUuid(id);
  if (!batch)
    throw query.file_path
      ? notFound(`No batch for file ${query.file_path}`, { code: "batch_file_not_found", params: { file: query.file_path } })
      : notFound(`No batch ${id}`, { code: "batch_not_found", params: { id } });
  return NextResponse.json({
    batch: serializeBatch(batch),
    summary: getBatchSummary(batch),
    jobs: batch.jobs.map((job) => serializeJobWithLinks(job, batch.jobs)),
  });
});
