// The TrackingJob a notification is about: by WebScraper job id (recorded at
// publish), else by custom id, preferring the batch the webhook named.
//
// A job id alone is not proof: ids are reused (a restarted simulator numbers
// from 1 again, another WebScraper account has its own ids), and matching on
// it alone once updated another tracker's job and orders. When the job found
// by id carries a custom id other than the notification's, the notification's
// custom id decides; a job found that way must not already belong to another
// scraping job. Anything else is refused with the reason, and nothing changes.
import type { TrackingJob } from "@/lib/db/client";
import type { TrackingDb } from "../db";

export interface JobRef {
  jobId: string;
  customId: string | null;
  batchUuid: string | null;
}

export type JobMatch = { job: TrackingJob | null; refused: null } | { job: null; refused: string };

async function findByCustomId(db: TrackingDb, customId: string, batchUuid: string | null): Promise<TrackingJob | null> {
  const candidates = await db.trackingJob.findMany({
    where: { customId },
    orderBy: { createdAt: "desc" },
    include: { batch: { select: { batchUuid: true } } },
  });
  const inBatch = batchUuid ? candidates.find((c) => c.batch.batchUuid === batchUuid) : undefined;
  const found = inBatch ?? candidates[0];
  if (!found) return null;
  const { batch: _batch, ...job } = found;
  void _batch;
  return job;
}

export async function matchTrackingJob(db: TrackingDb, ref: JobRef): Promise<JobMatch> {
  const byJobId = await db.trackingJob.findFirst({ where: { jobId: ref.jobId }, orderBy: { createdAt: "desc" } });
  if (byJobId && (!ref.customId || byJobId.customId === ref.customId)) return { job: byJobId, refused: null };
  if (!ref.customId) return { job: null, refused: null };

  const byCustomId = await findByCustomId(db, ref.customId, ref.batchUuid);
  if (byCustomId && (byCustomId.jobId === null || byCustomId.jobId === ref.jobId)) return { job: byCustomId, refused: null };
  if (!byJobId && !byCustomId) return { job: null, refused: null };

  const parts: string[] = [];
  if (byJobId) parts.push(`WebScraper job ${ref.jobId} is recorded for tracking job ${byJobId.customId}, not ${ref.customId}`);
  if (byCustomId) parts.push(`tracking job ${ref.customId} was published as WebScraper job ${byCustomId.jobId}, not ${ref.jobId}`);
  else parts.push(`no tracking job has custom id ${ref.customId}`);
  return { job: null, refused: `${parts.join("; ")}: the job id was reused or belongs to another account, so nothing was updated` };
}

/** The matched job, or null when there is none or the match was refused. */
export async function findTrackingJob(db: TrackingDb, ref: JobRef): Promise<TrackingJob | null> {
  return (await matchTrackingJob(db, ref)).job;
}

export async function findBatchId(db: TrackingDb, job: TrackingJob | null, batchUuid: string | null): Promise<number | null> {
  if (job) return job.batchId;
  if (!batchUuid) return null;
  const batch = await db.trackingBatch.findUnique({ where: { batchUuid }, select: { id: true } });
  return batch?.id ?? null;
}

/**
 * The batch a notification is about: the one its webhook named (seed 000 §4.3
 * batch_id), else its matched job's. The webhook echoes only what it was given
 * and leaves the lookup to processing, so answering WebScraper.io costs no query.
 */
export async function batchUuidOf(db: TrackingDb, job: TrackingJob | null, named: string | null): Promise<string | null> {
  if (named || !job) return named;
  const batch = await db.trackingBatch.findUnique({ where: { id: job.batchId }, select: { batchUuid: true } });
  return batch?.batchUuid ?? null;
}
