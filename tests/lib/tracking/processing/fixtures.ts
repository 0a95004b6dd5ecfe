import { prisma } from "@/lib/db/client";
import type { ProcessJobInput } from "@/lib/tracking/processing/process-input";

export async function createBatchWithJobs(taskName: string, jobs: { customId: string; jobId: string | null; targetUrl?: string }[]) {
  const batch = await prisma.trackingBatch.create({ data: { filePath: `/${taskName}/test.xlsx`, taskName, totalJobs: jobs.length } });
  const created = [];
  for (const [index, job] of jobs.entries()) {
    created.push(
      await prisma.trackingJob.create({
        data: {
          batchId: batch.id,
          jobId: job.jobId,
          customId: job.customId,
          targetUrl: job.targetUrl ?? `https://example.test/${job.customId}`,
          index,
        },
      }),
    );
  }
  return { batch, jobs: created };
}

let runs = 0;

/** Each call is its own delivery, as in the engine: a run id of its own (a resumed run reuses its id). */
export function input(overrides: Partial<ProcessJobInput> & Pick<ProcessJobInput, "source" | "jobId">): ProcessJobInput {
  return { batchUuid: null, customId: null, dryRun: false, dedupe: true, upsert: false, taskId: `test-run-${++runs}`, ...overrides };
}

export const successLogs = (jobId: string) =>
  prisma.syncLog.findMany({ where: { operationType: "webscraper_tracking", success: true, jobId }, orderBy: { id: "asc" } });
