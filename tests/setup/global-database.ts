// Starts one Postgres for the whole run: an embedded PGlite server in a fresh
// temporary folder, or the server named by TEST_DATABASE_URL. Migrations are
// applied the same way the platform applies them.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "resale-ops-test-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    url = embedded.url;
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  process.env.DATABASE_URL = url;

  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
