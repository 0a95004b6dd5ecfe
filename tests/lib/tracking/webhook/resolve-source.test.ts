import { describe, expect, it } from "vitest";
import { resolveSource, sourceFromCustomId, webScraperSourceMap } from "@/lib/tracking/webhook/resolve-source";

describe("resolveSource (seed §4.4 order)", () => {
  it("an explicit source wins over sitemap name and custom id", () => {
    expect(resolveSource({ source: "yamato_tracking_only", sitemapName: "japan-post-sitemap", customId: "owryt-abc-0000" })).toBe(
      "yamato_tracking_only",
    );
  });

  it("then the sitemap name map, from the tracker configs (the seed's WEB_SCRAPER_SOURCE_MAP)", () => {
    expect(resolveSource({ sitemapName: "official-website-sitemap", customId: "jpto-abc-0000" })).toBe(
      "official_website_redirect_to_yamato_tracking",
    );
    const map = webScraperSourceMap({});
    expect(map).toMatchObject({
      "official-website-sitemap": "official_website_redirect_to_yamato_tracking",
      "japan-post-sitemap": "redirect_to_japan_post_tracking",
      "official-website-tracking-sitemap": "official_website_tracking",
      "yamato-sitemap": "yamato_tracking_only",
      "japan-post-only-sitemap": "japan_post_tracking_only",
    });
  });

  it("an env override extends and replaces the map", () => {
    const env = {
      WEB_SCRAPER_SOURCE_MAP: JSON.stringify({ "my-sitemap": "japan_post_tracking_10", "yamato-sitemap": "official_website_tracking" }),
    };
    expect(resolveSource({ sitemapName: "my-sitemap" }, env)).toBe("japan_post_tracking_10");
    expect(resolveSource({ sitemapName: "yamato-sitemap" }, env)).toBe("official_website_tracking");
    expect(() => webScraperSourceMap({ WEB_SCRAPER_SOURCE_MAP: "{nope" })).toThrow(/WEB_SCRAPER_SOURCE_MAP/);
  });

  it("then the custom id prefix, longest first; an unknown sitemap falls through to it", () => {
    expect(resolveSource({ sitemapName: "unknown-sitemap", customId: "owryt-abc12345-0001" })).toBe(
      "official_website_redirect_to_yamato_tracking",
    );
    expect(sourceFromCustomId("jpt-from-owryt-owryt-abc12345-0001")).toBe("redirect_to_japan_post_tracking");
    expect(sourceFromCustomId("jpt10-abc12345-0001")).toBe("japan_post_tracking_10");
    expect(sourceFromCustomId("jpto-abc12345-0001")).toBe("japan_post_tracking_only");
    expect(sourceFromCustomId("owt-abc12345-0001")).toBe("official_website_tracking");
    expect(sourceFromCustomId("yto-abc12345-0001")).toBe("yamato_tracking_only");
    expect(sourceFromCustomId("owrytx-1")).toBeNull();
    expect(resolveSource({})).toBeNull();
  });
});
