// Seed 000 §4.4 _resolve_source: the tracker named by the notification, in
// this order: an explicit `source`, the sitemap name (WEB_SCRAPER_SOURCE_MAP),
// the custom id's prefix. Prefixes overlap ("jpt-from-owryt-" vs shorter
// ones), so the longest matching prefix wins.
import { allTrackerConfigs } from "../tracker-configs";

/** Sitemap name → tracker, from the tracker configs, overridable with env WEB_SCRAPER_SOURCE_MAP (JSON object). */
export function webScraperSourceMap(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const map: Record<string, string> = {};
  for (const config of allTrackerConfigs()) map[config.sitemapName] = config.name;
  const raw = env.WEB_SCRAPER_SOURCE_MAP;
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error("WEB_SCRAPER_SOURCE_MAP must be a JSON object of sitemap name to tracker name");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new Error("WEB_SCRAPER_SOURCE_MAP must be a JSON object of sitemap name to tracker name");
    }
    for (const [sitemap, tracker] of Object.entries(parsed)) if (typeof tracker === "string") map[sitemap] = tracker;
  }
  return map;
}

export function sourceFromCustomId(customId: string): string | null {
  const byLength = allTrackerConfigs().sort((a, b) => b.customIdPrefix.length - a.customIdPrefix.length);
  return byLength.find((c) => customId.startsWith(`${c.customIdPrefix}-`))?.name ?? null;
}

export function resolveSource(
  input: { source?: string | null; sitemapName?: string | null; customId?: string | null },
  env: Record<string, string | undefined> = process.env,
): string | null {
  const source = input.source?.trim();
  if (source) return source;
  const sitemapName = input.sitemapName?.trim();
  if (sitemapName) {
    const mapped = webScraperSourceMap(env)[sitemapName];
    if (mapped) return mapped;
  }
  const customId = input.customId?.trim();
  if (customId) return sourceFromCustomId(customId);
  return null;
}
