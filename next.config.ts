import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (WASM and native pieces).
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "exceljs"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default nextConfig;
