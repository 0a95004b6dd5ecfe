// Seed 000 §5.3: the job's CSV export. A failed download is a processing_error
// (retried); the SHA-256 of the bytes is the second half of the dedupe key,
// so a "Continue" re-run of the same job with new data is processed again.
import { createHash } from "node:crypto";
import type { WebScraperClient } from "@/lib/webscraper/types";
import { TrackingError } from "../errors";

export interface DownloadedExport {
  content: Buffer;
  sha256: string;
}

export function exportSha256(content: Buffer | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export async function downloadExport(client: WebScraperClient, jobId: string): Promise<DownloadedExport> {
  try {
    const content = await client.downloadCsvExport(jobId);
    return { content, sha256: exportSha256(content) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TrackingError("processing_error", `Failed to download export of job ${jobId}: ${message}`, { cause: error });
  }
}
