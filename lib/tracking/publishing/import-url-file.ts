// Batch import: an uploaded file of URLs becomes one TrackingBatch with one job
// per URL, published like the workers' batches. file_path is the seed's
// `/{task_name}/{filename}` (get_batch_by_file_path finds it again).
import { prisma } from "../../db/client";
import { DomainError, invalidInput } from "../../errors/domain-error";
import { allTrackerConfigs, isTrackerName, type TrackerName } from "../tracker-configs";
import { createTrackingBatch } from "./create-tracking-batch";
import type { PublishDispatcher } from "./dispatch-publish-jobs";
import { parseUrlFile, UrlFileError, type RowError } from "./parse-url-file";
import { resolveTrackerFromFilename } from "./resolve-tracker-from-filename";
import { writeSyncLog } from "../../sync-logs/write-sync-log";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportUrlFileInput {
  filename: string;
  bytes: Uint8Array;
  /** A tracker name; when absent the file name's prefix decides. */
  tracker?: string | null;
  requestedBy?: string;
}

export interface ImportUrlFileResult {
  batch_uuid: string;
  tracker: TrackerName;
  file_path: string;
  total_jobs: number;
  dispatched: number;
  row_errors: RowError[];
}

function knownTrackers() {
  return allTrackerConfigs().map((c) => ({ name: c.name, filename_prefix: c.filenamePrefix, display_name: c.displayName }));
}

/** The base name only, without characters that would break the seed's path shape. */
export function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f]/g, "").trim();
}

export function resolveImportTrackerOrThrow(filename: string, tracker?: string | null): TrackerName {
  if (tracker) {
    if (isTrackerName(tracker)) return tracker;
    throw invalidInput(`Unknown tracker ${tracker}`, {
      extra: { known_trackers: knownTrackers() },
      code: "unknown_tracker",
      params: { tracker },
    });
  }
  const resolved = resolveTrackerFromFilename(filename);
  if (resolved) return resolved;
  throw invalidInput(
    `No tracker for file name ${filename}: choose one or name the file with a tracker's prefix (e.g. OWRYT-20260108-001.xlsx)`,
    {
      extra: { known_trackers: knownTrackers() },
      code: "no_tracker_for_filename",
      params: { filename },
    },
  );
}

export async function importUrlFile(input: ImportUrlFileInput, dispatch: PublishDispatcher): Promise<ImportUrlFileResult> {
  const filename = cleanFilename(input.filename);
  if (!filename) throw invalidInput("The file has no name", { code: "file_has_no_name" });
  if (input.bytes.byteLength === 0) throw invalidInput("The file is empty", { code: "file_empty" });
  if (input.bytes.byteLength > MAX_IMPORT_BYTES)
    throw invalidInput(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, {
      code: "file_too_large",
      params: { mb: MAX_IMPORT_BYTES / 1024 / 1024 },
    });
  const taskName = resolveImportTrackerOrThrow(filename, input.tracker);
  const filePath = `/${taskName}/${filename}`;

  // One batch per file: importing the same file again would scrape every URL twice.
  const existing = await prisma.trackingBatch.findFirst({ where: { filePath }, select: { batchUuid: true } });
  if (existing) {
    throw new DomainError(
      "conflict",
      `${filename} was already imported as batch ${existing.batchUuid}; rename the file to import it again`,
      {
        code: "file_already_imported",
        extra: { batch_uuid: existing.batchUuid },
        params: { filename, batch: existing.batchUuid },
      },
    );
  }

  let parsed;
  try {
    parsed = await parseUrlFile(filename, input.bytes);
  } catch (error) {
    if (error instanceof UrlFileError)
      throw invalidInput(error.message, { code: error.code, extra: { row_errors: error.rowErrors }, params: error.params });
    throw error;
  }

  const batch = await createTrackingBatch({ taskName, filePath, urls: parsed.urls });
  const sent = await dispatch(batch.jobs.map((j) => ({ batchUuid: batch.batchUuid, customId: j.customId })));
  await writeSyncLog({
    operationType: "tracking_batch_imported",
    message: `Imported ${filename}: ${batch.jobs.length} URLs, ${parsed.rowErrors.length} rows rejected`,
    success: true,
    filePath,
    details: {
      batch_uuid: batch.batchUuid,
      task_name: taskName,
      total_jobs: batch.jobs.length,
      rejected_rows: parsed.rowErrors.length,
      requested_by: input.requestedBy ?? null,
    },
  });
  return {
    batch_uuid: batch.batchUuid,
    tracker: taskName,
    file_path: filePath,
    total_jobs: batch.jobs.length,
    dispatched: sent.dispatched,
    row_errors: parsed.rowErrors,
  };
}
