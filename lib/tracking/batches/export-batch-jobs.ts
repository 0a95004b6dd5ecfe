// A batch's jobs as a spreadsheet, in job order, with their redirect links.
import { formatAbsoluteTime } from "../../i18n/format-time";
import type { ExportTable } from "../../export/table-export";
import type { BatchWithJobs } from "./get-batch";
import { serializeJobWithLinks } from "./get-batch-summary";

export const BATCH_JOB_EXPORT_COLUMNS = [
  "index",
  "custom_id",
  "status",
  "job_id",
  "target_url",
  "error_message",
  "redirected_from",
  "redirected_to",
  "published_at",
  "updated_at",
];

export function exportBatchJobs(batch: BatchWithJobs, timeZone: string): ExportTable {
  async function* rows() {
    for (const job of [...batch.jobs].sort((a, b) => a.index - b.index || a.id - b.id)) {
      const j = serializeJobWithLinks(job, batch.jobs);
      yield [
        j.index,
        j.custom_id,
        j.status,
        j.job_id,
        j.target_url,
        j.error_message,
        j.redirected_from,
        j.redirected_to,
        j.published_at ? formatAbsoluteTime(j.published_at, timeZone) : null,
        formatAbsoluteTime(j.updated_at, timeZone),
      ];
    }
  }
  return { columns: BATCH_JOB_EXPORT_COLUMNS, rows: rows() };
}
