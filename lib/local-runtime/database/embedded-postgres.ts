// The embedded default database: PGlite served over the Postgres wire protocol
// (pglite/serve-pglite.ts), so the app talks to it exactly as to a real Postgres.
// It asks for a password (SCRAM-SHA-256); its data folder is private to this user.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { startPortService } from "../platform/start-port-service";

export interface EmbeddedPostgres {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export const EMBEDDED_DB_USER = "postgres";

export function embeddedDatabaseUrl(port: number, password: string): string {
  return `postgres://${EMBEDDED_DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; password?: string }): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  // A throwaway database (tests, benchmarks) gets a throwaway password.
  const password = options.password ?? randomBytes(24).toString("hex");
  const entry = path.join(import.meta.dirname, "pglite", "serve-pglite.ts");
  const service = await startPortService({
    name: "Embedded Postgres",
    command: process.execPath,
    args: ["--import", "tsx", entry, "--db", options.dataDir, "--port", String(options.port), "--user", EMBEDDED_DB_USER],
    env: { EMBEDDED_DB_PASSWORD: password },
    port: options.port,
    // A fresh data folder runs initdb: on a busy machine that takes more than a minute.
    timeoutMs: Number(process.env.EMBEDDED_DB_START_TIMEOUT_MS ?? 180_000),
    // SIGINT lets PGlite close its data folder cleanly.
    stopSignal: "SIGINT",
  });
  return { url: embeddedDatabaseUrl(options.port, password), pid: service.pid, stop: service.stop };
}
