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

/** The tracker of this name, or null for a name no tracker has. */
export function findTracker(name: string): Tracker | null {
  return Object.hasOwn(TRACKERS, name) ? TRACKERS[name as TrackerName] : null;
}

/** The seed's unknown_tracker error for a name no tracker has (its message is the seed's). */
export function unknownTrackerError(name: string): TrackingError {
  return new TrackingError("unknown_tracker", `未知任务: ${name}`);
}

export function getTracker(name: string): Tracker {
  const tracker = findTracker(name);
  if (!tracker) throw unknownTrackerError(name);
  return tracker;
}

export async function runTracker(name: string, rows: CsvRow[], options?: TrackerRunOptions): Promise<TrackerResult> {
  return getTracker(name).run(rows, options);
}
