// The TrackingJob a notification is about: by WebScraper job id (recorded at
// publish), else by custom id, preferring the batch the webhook named.
import type { TrackingJob } from "@/lib/db/client";
import type { TrackingDb } from "../db";

export async function findTrackingJob(
  db: TrackingDb,
  ref: { jobId: string; customId: string | null; batchUuid: string | null },
): Promise<TrackingJob | null> {
  const byJobId = await db.trackingJob.findFirst({ where: { jobId: ref.jobId }, orderBy: { createdAt: "desc" } });
  if (byJobId) return byJobId;
  if (!ref.customId) return null;
  const candidates = await db.trackingJob.findMany({
    where: { customId: ref.customId },
    orderBy: { createdAt: "desc" },
    include: { batch: { select: { batchUuid: true } } },
  });
  const inBatch = ref.batchUuid ? candidates.find((c) => c.batch.batchUuid === ref.batchUuid) : undefined;
  const found = inBatch ?? candidates[0];
  if (!found) return null;
  const { batch: _batch, ...job } = found;
  void _batch;
  return job;
}

export async function findBatchId(db: TrackingDb, job: TrackingJob | null, batchUuid: string | null): Promise<number | null> {
  if (job) return job.batchId;
  if (!batchUuid) return null;
  const batch = await db.trackingBatch.findUnique({ where: { batchUuid }, select: { id: true } });
  return batch?.id ?? null;
}
