// GET /api/tracking/batches/[id]/export – a batch's jobs as CSV or XLSX (?format=csv|xlsx)
import { notFound } from "@/lib/api/errors";
import { exportFormat, exportResponse, exportTimeZone } from "@/lib/api/export-response";
import { withStaff } from "@/lib/api/with-session";
import { exportBatchJobs } from "@/lib/tracking/batches/export-batch-jobs";
import { getBatchByUuid } from "@/lib/tracking/batches/get-batch";
import { batchShortId } from "@/lib/tracking/publishing/custom-id";

export const GET = withStaff(async ({ req, params, session }) => {
  const format = exportFormat.parse(req.nextUrl.searchParams.get("format") || undefined);
  const id = String(params.id ?? "");
  const batch = await getBatchByUuid(id);
  if (!batch) throw notFound(`No batch ${id}`, { code: "batch_not_found", params: { id } });
  return exportResponse(
    format,
    exportBatchJobs(batch, await exportTimeZone(session.user.id)),
    `batch-${batchShortId(batch.batchUuid)}-jobs`,
  );
});
