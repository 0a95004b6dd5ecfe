// Batch import: the file name's prefix picks the tracker (OWRYT-20260108-001.xlsx
// → official_website_redirect_to_yamato_tracking), as TRACKING_TASK_CONFIGS'
// filename_prefix does in the seed.
import { allTrackerConfigs, type TrackerName } from "../tracker-configs";

export function resolveTrackerFromFilename(filename: string): TrackerName | null {
  const base = filename.split(/[\\/]/).pop()?.trim().toUpperCase() ?? "";
  const matches = allTrackerConfigs()
    .filter((c) => base.startsWith(c.filenamePrefix.toUpperCase()))
    .sort((a, b) => b.filenamePrefix.length - a.filenamePrefix.length);
  return matches[0]?.name ?? null;
}
