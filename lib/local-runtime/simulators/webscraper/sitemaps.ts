/** The seed's order-page sitemap; other ids get `sitemap-<id>` unless a name map says otherwise. */
export const DEFAULT_SITEMAP_NAMES: Readonly<Record<number, string>> = {
  1421177: "official-website-sitemap",
};

export type SitemapNames = Readonly<Record<string | number, string>>;

export function sitemapNameResolver(overrides: SitemapNames = {}): (sitemapId: number) => string {
  const names: Record<string, string> = { ...DEFAULT_SITEMAP_NAMES, ...overrides };
  return (sitemapId) => names[String(sitemapId)] ?? `sitemap-${sitemapId}`;
}
