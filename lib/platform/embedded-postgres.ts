// The embedded default database: PGlite served over the Postgres wire protocol
// (pglite/serve-pglite.ts), so the app talks to it exactly as to a real Postgres.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startPortService } from "./start-port-service";

export interface EmbeddedPostgres {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const entry = path.join(import.meta.dirname, "pglite", "serve-pglite.ts");
  const service = await startPortService({
    name: "Embedded Postgres",
    command: process.execPath,
    args: ["--import", "tsx", entry, "--db", options.dataDir, "--port", String(options.port)],
    port: options.port,
    // PGlite loads a WebAssembly Postgres: tens of seconds on a busy machine.
    timeoutMs: Number(process.env.EMBEDDED_DB_START_TIMEOUT_MS ?? 60_000),
    // SIGINT lets PGlite close its data folder cleanly.
    stopSignal: "SIGINT",
  });
  return { url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`, pid: service.pid, stop: service.stop };
}
