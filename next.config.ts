import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/security/security-headers";

// next-intl without the locale in the URL: i18n/request.ts picks the language per request.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (WASM and native pieces).
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "exceljs"],
  typedRoutes: false,
  poweredByHeader: false,
  // WebScraper.io posts to the seed's URL with its trailing slash; a 308 redirect
  // would make it retry and report failures instead of delivering.
  skipTrailingSlashRedirect: true,
  // CSP, framing, sniffing and referrer rules on every page and API response.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "development" ? "development" : "production") }];
  },
};

export default withNextIntl(nextConfig);
