// The embedded default database: PGlite served over the Postgres wire protocol
// (pglite/serve-pglite.ts), so the app talks to it exactly as to a real Postgres.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { waitForPort } from "./wait-for-port";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const entry = path.join(import.meta.dirname, "pglite", "serve-pglite.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry, "--db", options.dataDir, "--port", String(options.port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  try {
    await waitForPort(options.port, { timeoutMs: 60_000, isAlive: () => child.exitCode === null });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`Embedded Postgres did not start on port ${options.port}: ${(error as Error).message}\n${output}`);
  }

  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    async stop() {
      if (child.exitCode !== null) return;
      // SIGINT lets PGlite close its data folder cleanly.
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
