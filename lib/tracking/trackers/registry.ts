// Seed 000 §5.5 TRACKERS: the six trackers by name. An unknown name is the
// seed's KeyError, here a TrackingError of type unknown_tracker.
import { TrackingError } from "../errors";
import type { CsvRow } from "../processing/parse-tracking-csv";
import type { TrackerName } from "../tracker-configs";
import type { Tracker, TrackerRunOptions } from "./define-tracker";
import { japanPostTracking10 } from "./japan-post-tracking-10";
import { japanPostTrackingOnly } from "./japan-post-tracking-only";
import { officialWebsiteRedirectToYamatoTracking } from "./official-website-redirect-to-yamato-tracking";
import { officialWebsiteTracking } from "./official-website-tracking";
import { redirectToJapanPostTracking } from "./redirect-to-japan-post-tracking";
import type { TrackerResult } from "./tracker-result";
import { yamatoTrackingOnly } from "./yamato-tracking-only";

export const TRACKERS: Record<TrackerName, Tracker> = {
  official_website_redirect_to_yamato_tracking: officialWebsiteRedirectToYamatoTracking,
  redirect_to_japan_post_tracking: redirectToJapanPostTracking,
  official_website_tracking: officialWebsiteTracking,
  yamato_tracking_only: yamatoTrackingOnly,
  japan_post_tracking_only: japanPostTrackingOnly,
  japan_post_tracking_10: japanPostTracking10,
};

export function getTracker(name: string): Tracker {
  const tracker = Object.hasOwn(TRACKERS, name) ? TRACKERS[name as TrackerName] : undefined;
  if (!tracker) throw new TrackingError("unknown_tracker", `未知任务: ${name}`);
  return tracker;
}

export async function runTracker(name: string, rows: CsvRow[], options?: TrackerRunOptions): Promise<TrackerResult> {
  return getTracker(name).run(rows, options);
}
