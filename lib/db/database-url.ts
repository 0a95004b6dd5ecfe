// The embedded PGlite server listens here unless DATABASE_URL names another Postgres.
import path from "node:path";
import { readEmbeddedDbPassword } from "./embedded-db-password";

export const EMBEDDED_DB_PORT = Number(process.env.EMBEDDED_DB_PORT ?? 54329);

/** DATABASE_URL, else the embedded server of the data folder (its password read from secrets.json). */
export function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dataDir = path.resolve(process.env.PLATFORM_DATA_DIR ?? ".data");
  const password = readEmbeddedDbPassword(dataDir) ?? "";
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_DB_PORT}/postgres`;
}
