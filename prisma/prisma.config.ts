// Prisma CLI configuration. The JavaScript schema engine runs migrations over
// adapter-pg, because the Rust engine binaries cannot be downloaded here
// (see ../shared/TOOLCHAIN.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "../lib/db/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  adapter: async () => new PrismaPg({ connectionString: databaseUrl() }),
});
