// The simulator's jobs and id counter in a file (the platform keeps it in its
// data directory), so a restart keeps the exports of runs in flight and never
// numbers a new job with an id already used: crash tests mean something only
// if the stand-in for WebScraper.io survives the crash as WebScraper.io would.
// Written whole, to a temporary file renamed over the old one, on every change.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JobStoreSnapshot } from "./job-store";

export function readStateFile(file: string): JobStoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<JobStoreSnapshot>;
  if (typeof parsed.nextId !== "number" || !Array.isArray(parsed.jobs)) {
    throw new Error(`${file} is not a WebScraper simulator state file; move it away to start afresh`);
  }
  return { nextId: parsed.nextId, jobs: parsed.jobs };
}

export function writeStateFile(file: string, snapshot: JobStoreSnapshot): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot), { mode: 0o600 });
  renameSync(temporary, file);
}
