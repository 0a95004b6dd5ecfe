// TRACKING_TASK_CONFIGS of seed 001 §1.5.2: one entry per tracker the registry
// knows (seed 000 §5.5). Sitemap ids are WebScraper.io's; the first one is the
// seed's, the others are this business's sitemaps and can be overridden with
// WEBSCRAPER_SITEMAP_IDS='{"redirect_to_japan_post_tracking": 123}'.

export const TRACKER_NAMES = [
  "official_website_redirect_to_yamato_tracking",
  "redirect_to_japan_post_tracking",
  "official_website_tracking",
  "yamato_tracking_only",
  "japan_post_tracking_only",
  "japan_post_tracking_10",
] as const;

export type TrackerName = (typeof TRACKER_NAMES)[number];

export interface TrackerConfig {
  name: TrackerName;
  displayName: string;
  /** Batch import: a file whose name starts with this picks the tracker. */
  filenamePrefix: string;
  /** Custom ids are `{customIdPrefix}-{batch8}-{index:04}`. */
  customIdPrefix: string;
  /** The WebScraper.io sitemap the tracker's pages are scraped with. */
  sitemapId: number;
  sitemapName: string;
  driver: "fast" | "fulljs";
  pageLoadDelay: number;
  requestInterval: number;
}

const BASE: Record<TrackerName, Omit<TrackerConfig, "name">> = {
  official_website_redirect_to_yamato_tracking: {
    displayName: "Official Website Redirect to Yamato Tracking",
    filenamePrefix: "OWRYT-",
    customIdPrefix: "owryt",
    sitemapId: 1421177,
    sitemapName: "official-website-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
  redirect_to_japan_post_tracking: {
    displayName: "Redirect to Japan Post Tracking",
    filenamePrefix: "RJPT-",
    customIdPrefix: "jpt-from-owryt",
    sitemapId: 1421178,
    sitemapName: "japan-post-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
  official_website_tracking: {
    displayName: "Official Website Tracking",
    filenamePrefix: "OWT-",
    customIdPrefix: "owt",
    sitemapId: 1421179,
    sitemapName: "official-website-tracking-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
  yamato_tracking_only: {
    displayName: "Yamato Tracking Only",
    filenamePrefix: "YTO-",
    customIdPrefix: "yto",
    sitemapId: 1421180,
    sitemapName: "yamato-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
  japan_post_tracking_only: {
    displayName: "Japan Post Tracking Only",
    filenamePrefix: "JPTO-",
    customIdPrefix: "jpto",
    sitemapId: 1421181,
    sitemapName: "japan-post-only-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
  japan_post_tracking_10: {
    displayName: "Japan Post Tracking (10 per page)",
    filenamePrefix: "JPT10-",
    customIdPrefix: "jpt10",
    sitemapId: 1421182,
    sitemapName: "japan-post-10-sitemap",
    driver: "fulljs",
    pageLoadDelay: 2000,
    requestInterval: 2000,
  },
};

function sitemapOverrides(): Partial<Record<TrackerName, number>> {
  const raw = process.env.WEBSCRAPER_SITEMAP_IDS;
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error("WEBSCRAPER_SITEMAP_IDS must be a JSON object of tracker name to sitemap id");
  }
}

export function isTrackerName(value: string): value is TrackerName {
  return (TRACKER_NAMES as readonly string[]).includes(value);
}

export function getTrackerConfig(name: TrackerName): TrackerConfig {
  const overrides = sitemapOverrides();
  return { name, ...BASE[name], sitemapId: overrides[name] ?? BASE[name].sitemapId };
}

export function allTrackerConfigs(): TrackerConfig[] {
  return TRACKER_NAMES.map(getTrackerConfig);
}
